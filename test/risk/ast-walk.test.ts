import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { childNodes, pathTo, walk } from '../../src/ast/walk.js';
import { parse, rangeOf } from './parse.js';

function typesVisited(root: TSESTree.Node): string[] {
  const types: string[] = [];
  walk(root, (node) => {
    types.push(node.type);
  });
  return types;
}

describe('the risk model\'s AST walk', () => {
  it('visits every node in source order, type annotations and decorators included', () => {
    const program = parse('@sealed class A { run(x: number): Promise<void> { return go(x); } }');
    expect(typesVisited(program)).toEqual([
      'Program',
      'ClassDeclaration',
      'Decorator',
      'Identifier', // sealed
      'Identifier', // A
      'ClassBody',
      'MethodDefinition',
      'Identifier', // run
      'FunctionExpression',
      'Identifier', // x
      'TSTypeAnnotation',
      'TSNumberKeyword',
      'TSTypeAnnotation',
      'TSTypeReference',
      'Identifier', // Promise
      'TSTypeParameterInstantiation',
      'TSVoidKeyword',
      'BlockStatement',
      'ReturnStatement',
      'CallExpression',
      'Identifier', // go
      'Identifier', // x
    ]);
  });

  it('never follows parent links, ranges or locations', () => {
    const program = parse('const a = f(1);');
    const declaration = program.body[0] as TSESTree.VariableDeclaration;
    (declaration as { parent?: TSESTree.Node }).parent = program;
    expect(childNodes(declaration).map((node) => node.type)).toEqual(['VariableDeclarator']);
  });

  it('finds the children of a node type it has no visitor keys for by their shape', () => {
    const unknown = { type: 'FutureSyntax', range: [0, 1], operand: parse('x;').body[0], list: [parse('y;').body[0], 3, null] } as unknown as TSESTree.Node;
    expect(childNodes(unknown).map((node) => node.type)).toEqual(['ExpressionStatement', 'ExpressionStatement']);
  });

  it('descends to the innermost node holding a range', () => {
    const code = 'export function handler() { void track(id); }';
    const path = pathTo(parse(code), rangeOf(code, 'track(id)'));
    expect(path.map((node) => node.type)).toEqual(['Program', 'ExportNamedDeclaration', 'FunctionDeclaration', 'BlockStatement', 'ExpressionStatement', 'UnaryExpression', 'CallExpression']);
  });
});

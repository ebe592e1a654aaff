// A store whose methods delegate to the in-memory namespace, and a subclass that reaches them through super.
import { Namespace, type Member } from './namespace.js';

export interface Store {
  addMember(id: string, member: Member): Promise<boolean>;
  getMembers(id: string): Promise<Map<string, Member>>;
}

export class LocalStore implements Store {
  private namespaces = new Map<string, Namespace>();

  getNamespace(id: string): Namespace {
    const found = this.namespaces.get(id) ?? new Namespace();
    this.namespaces.set(id, found);
    return found;
  }

  async addMember(id: string, member: Member): Promise<boolean> {
    return this.getNamespace(id).addMember(member);
  }

  async getMembers(id: string): Promise<Map<string, Member>> {
    return this.getNamespace(id).getMembers();
  }

  async countMembers(id: string): Promise<number> {
    return this.getNamespace(id).getMembers().then((members) => members.size);
  }

  async countFetchedMembers(id: string): Promise<number> {
    return this.getNamespace(id).fetchMembers().then((members) => members.size);
  }

  async fetchMembers(id: string): Promise<Map<string, Member>> {
    return this.getNamespace(id).fetchMembers();
  }
}

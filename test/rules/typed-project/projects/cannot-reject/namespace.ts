// In-memory state behind promise-returning methods (soketi's Namespace): nothing here can reject.
export interface Member {
  id: string;
}

export class Namespace {
  private members = new Map<string, Member>();

  getMembers(): Promise<Map<string, Member>> {
    return Promise.resolve(this.members);
  }

  addMember(member: Member): Promise<boolean> {
    return new Promise((resolve) => {
      this.members.set(member.id, member);
      resolve(true);
    });
  }

  async fetchMembers(): Promise<Map<string, Member>> {
    const response = await fetch('https://example.test/members');
    return new Map(Object.entries((await response.json()) as Record<string, Member>));
  }
}

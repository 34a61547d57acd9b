import type { AuthProvider } from "react-admin";
import { request, resetSocket } from "./graphql.ts";

export type Role =
  | "ADMIN"
  | "SERVICE_MANAGER"
  | "PROVIDER_STAFF"
  | "SCHOOL_IT_OFFICER"
  | "STEERING_MEMBER"
  | "CONTROLLER"
  | "SCHOOL_CONTACT";

export interface Me {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  authority: { id: string; name: string } | null;
  school: { id: string; name: string } | null;
}

const ME = "{ me { id name email roles authority { id name } school { id name } } }";

const signedIn: ((person: Me) => void)[] = [];
/** Calls `listener` whenever the signed-in person becomes known: at page load and after sign-in. */
export function whenSignedIn(listener: (person: Me) => void): void {
  signedIn.push(listener);
}

let current: Promise<Me | null> | undefined;
/** The signed-in person, asked once per page load (and after sign-in). */
export function me(): Promise<Me | null> {
  current ??= request<{ me: Me | null }>(ME).then((r) => {
    if (r.me) for (const listener of signedIn) listener(r.me);
    return r.me;
  });
  return current;
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    await request("mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }", {
      e: username,
      p: password,
    });
    current = undefined;
    resetSocket();
  },
  async logout() {
    await request("mutation { logout }").catch(() => undefined);
    current = Promise.resolve(null);
    resetSocket();
  },
  async checkAuth() {
    if (!(await me())) throw new Error("Bitte melden Sie sich an.");
  },
  async checkError(error: { status?: number; body?: { errors?: { extensions?: { code?: string } }[] } }) {
    const code = error?.body?.errors?.[0]?.extensions?.code;
    if (error?.status === 401 || code === "UNAUTHENTICATED") {
      current = undefined;
      throw new Error("Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.");
    }
  },
  async getIdentity() {
    const person = await me();
    if (!person) throw new Error("Bitte melden Sie sich an.");
    return { id: person.id, fullName: person.name };
  },
  async getPermissions() {
    return (await me())?.roles ?? [];
  },
};

export const hasRole = (roles: unknown, ...wanted: Role[]): boolean =>
  Array.isArray(roles) && wanted.some((role) => roles.includes(role));

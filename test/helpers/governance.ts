// Shared look-ups for the governance tests: demo people and Schwerin's ids as global IDs.
import { gid, type TestHub } from "./hub.ts";

export async function schwerinIds(hub: TestHub) {
  const authority = await hub.db.read.schoolAuthority.findUniqueOrThrow({
    where: { name: "Landeshauptstadt Schwerin" },
    include: { schools: { orderBy: { name: "asc" } } },
  });
  const users = await hub.db.read.user.findMany();
  const user = (email: string) => gid("User", users.find((u) => u.email === email)?.id ?? "");
  const school = (name: string) => gid("School", authority.schools.find((s) => s.name === name)?.id ?? "");
  return {
    authorityDbId: authority.id,
    authority: gid("SchoolAuthority", authority.id),
    lankow: school("Grundschule Lankow"),
    goethe: school("Goethe-Gymnasium Schwerin"),
    manager: user("servicemanager@ksm.example"),
    officer: user("schul-it@schwerin.example"),
    controller: user("controlling@schwerin.example"),
    facility: user("gebaeude@schwerin.example"),
    parchimController: user("controlling@parchim.example"),
  };
}

/** Runs a GraphQL operation and fails the test with the errors when there are any. */
export async function ok<T = Record<string, unknown>>(
  hub: TestHub,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<T> {
  const response = await hub.gql<T>(query, variables, token);
  if (response.errors?.length || !response.data) throw new Error(JSON.stringify(response.errors));
  return response.data;
}

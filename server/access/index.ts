// Who may see and do what. Every resolver, subscription and export asks here;
// nothing else in the hub decides access.
import type { Tx } from "../db/client.ts";
import type { Role } from "../db/generated/client/enums.ts";
import { forbidden, notFound, unauthenticated } from "../lib/errors.ts";

export type { Role };

export interface ViewerUser {
  id: string;
  email: string;
  name: string;
  providerId: string | null;
  authorityId: string | null;
  schoolId: string | null;
  roles: Role[];
}

/** Roles held by the provider's people; everyone else belongs to one authority. */
export const PROVIDER_ROLES: readonly Role[] = ["ADMIN", "SERVICE_MANAGER", "PROVIDER_STAFF"];

/** Roles that read an authority's steering records; a school's contact person holds none of them. */
const STEERING_ROLES: readonly Role[] = [
  "ADMIN",
  "SERVICE_MANAGER",
  "PROVIDER_STAFF",
  "SCHOOL_IT_OFFICER",
  "CONTROLLER",
  "STEERING_MEMBER",
];

/** A school's contact person and nothing else. */
export function schoolContactOnly(roles: readonly Role[]): boolean {
  return roles.includes("SCHOOL_CONTACT") && !roles.some((role) => STEERING_ROLES.includes(role));
}

export class Access {
  private readonly roles: ReadonlySet<Role>;
  private readonly authorities: ReadonlySet<string>;

  private constructor(
    readonly user: ViewerUser | null,
    readonly sessionId: string | null,
    visibleAuthorityIds: readonly string[],
    /** The provider the viewer works for, or the one serving the viewer's authority. */
    private readonly providerId: string | null,
    private readonly db: Tx | null = null,
  ) {
    this.roles = new Set(user?.roles ?? []);
    this.authorities = new Set(visibleAuthorityIds);
  }

  static anonymous(): Access {
    return new Access(null, null, [], null);
  }

  /**
   * The tenant rule: an authority's people see their authority; the provider's people
   * see every authority their provider serves.
   */
  static async forUser(db: Tx, user: ViewerUser, sessionId: string | null): Promise<Access> {
    if (user.providerId) {
      const rows = await db.schoolAuthority.findMany({
        where: { providerId: user.providerId },
        select: { id: true },
      });
      return new Access(
        user,
        sessionId,
        rows.map((r) => r.id),
        user.providerId,
        db,
      );
    }
    if (user.authorityId) {
      const authority = await db.schoolAuthority.findUnique({
        where: { id: user.authorityId },
        select: { providerId: true },
      });
      return new Access(user, sessionId, [user.authorityId], authority?.providerId ?? null, db);
    }
    return new Access(user, sessionId, [], null, db);
  }

  /**
   * A person's access outside any session, as it stands now (mail going out to them): null for
   * an unknown or deactivated person, who is sent nothing. Read through a transaction, it lives
   * no longer than that transaction.
   */
  static async ofPerson(db: Tx, userId: string): Promise<Access | null> {
    const person = await db.user.findUnique({
      where: { id: userId },
      include: { roles: { select: { role: true } } },
    });
    if (!person?.active) return null;
    const { id, email, name, providerId, authorityId, schoolId } = person;
    const roles = person.roles.map((r) => r.role);
    return Access.forUser(db, { id, email, name, providerId, authorityId, schoolId, roles }, null);
  }

  get signedIn(): boolean {
    return this.user !== null;
  }

  get isProviderPerson(): boolean {
    return this.user?.providerId != null;
  }

  hasRole(...roles: Role[]): boolean {
    return roles.some((role) => this.roles.has(role));
  }

  canSeeAuthority(authorityId: string): boolean {
    return this.authorities.has(authorityId);
  }

  /** A school's contact person and nothing else: sees their school's cases, not the authority's steering. */
  get isSchoolContactOnly(): boolean {
    return schoolContactOnly([...this.roles]);
  }

  /**
   * Steering records (meetings, minutes, decisions, reviews, action items) are for the authority's
   * and the provider's people who steer; a school's contact person does not read them.
   */
  canSeeSteeringRecords(authorityId: string): boolean {
    return this.canSeeAuthority(authorityId) && !this.isSchoolContactOnly;
  }

  requireSteeringRecords(authorityId: string, what?: string): void {
    this.requireUser();
    if (!this.canSeeSteeringRecords(authorityId)) throw notFound(what);
  }

  /** The authorities whose steering records the viewer reads. */
  get steeringRecordAuthorityIds(): string[] {
    return this.isSchoolContactOnly ? [] : this.visibleAuthorityIds;
  }

  /** Prisma filter for steering records with an `authorityId` column. */
  steeringScope(): { authorityId: { in: string[] } } {
    return { authorityId: { in: this.steeringRecordAuthorityIds } };
  }

  get visibleAuthorityIds(): string[] {
    return [...this.authorities];
  }

  /** People are visible to those who see their authority; the provider's people also to everyone their provider serves. */
  canSeeUser(target: { id: string; providerId: string | null; authorityId: string | null }): boolean {
    if (!this.user) return false;
    if (target.id === this.user.id) return true;
    if (target.authorityId) return this.canSeeAuthority(target.authorityId);
    return target.providerId !== null && target.providerId === this.providerId;
  }

  /**
   * Equal for two viewers only if every rule of server/access answers them alike, so that one
   * resolution of a subscription's event serves both (server/graphql/fanout.ts). It holds all
   * this class and its rules read of a viewer: roles, visible authorities, provider, the
   * person's authority and school, and steering groups. The person's id only where it decides
   * something: canSeeUser shows everyone themselves, which the rest decides alike for two such
   * viewers when the tenant rule shows the person themselves anyway. Whoever makes a rule read
   * more of the viewer adds it here.
   */
  async sharingKey(): Promise<string> {
    const user = this.user;
    if (!user) return "anonymous";
    const seesSelfByTenant = user.authorityId
      ? this.canSeeAuthority(user.authorityId)
      : user.providerId !== null && user.providerId === this.providerId;
    return JSON.stringify([
      [...this.roles].sort(),
      [...this.authorities].sort(),
      this.providerId,
      user.providerId,
      user.authorityId,
      user.schoolId,
      [...(await this.steeringAuthorityIds())].sort(),
      seesSelfByTenant ? null : user.id,
    ]);
  }

  private steering: Promise<Set<string>> | undefined;
  /**
   * Authorities in whose steering group the viewer sits and whose steering records the viewer
   * reads (a membership that should not exist gives nothing); loaded once per request, when first asked.
   */
  steeringAuthorityIds(): Promise<Set<string>> {
    const user = this.user;
    const db = this.db;
    if (!user || !db) return Promise.resolve(new Set());
    this.steering ??= db.steeringGroupMember
      .findMany({ where: { userId: user.id }, select: { group: { select: { authorityId: true } } } })
      .then(
        (rows) =>
          new Set(rows.map((r) => r.group.authorityId).filter((id) => this.canSeeSteeringRecords(id))),
      );
    return this.steering;
  }

  requireUser(): ViewerUser {
    if (!this.user) throw unauthenticated();
    return this.user;
  }

  requireRole(...roles: Role[]): ViewerUser {
    const user = this.requireUser();
    if (!this.hasRole(...roles)) throw forbidden();
    return user;
  }

  /** A foreign authority's object answers NOT_FOUND: its existence is no one else's business. */
  requireAuthority(authorityId: string, what?: string): void {
    this.requireUser();
    if (!this.canSeeAuthority(authorityId)) throw notFound(what);
  }

  /** Prisma filter restricting a model with an `authorityId` column to the visible authorities. */
  authorityScope(): { authorityId: { in: string[] } } {
    return { authorityId: { in: this.visibleAuthorityIds } };
  }
}

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('DRAFT', 'ADOPTED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "EquipmentCategory" AS ENUM ('NETWORK', 'SERVER', 'SERVICES', 'PRESENTATION', 'DEVICES', 'TRAINING');

-- CreateEnum
CREATE TYPE "PlannedMeasureStatus" AS ENUM ('PLANNED', 'IN_PROGRESS', 'DONE', 'DROPPED');

-- AlterTable
ALTER TABLE "SchoolAuthority" ADD COLUMN     "mediaPlanVarianceThreshold" INTEGER NOT NULL DEFAULT 10;

-- CreateTable
CREATE TABLE "MediaDevelopmentPlan" (
    "id" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "periodStart" INTEGER NOT NULL,
    "periodEnd" INTEGER NOT NULL,
    "status" "PlanStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "predecessorId" TEXT,
    "adoptedAt" TIMESTAMP(3),
    "adoptedDecisionId" TEXT,
    "adoptedById" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MediaDevelopmentPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanTarget" (
    "planId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "category" "EquipmentCategory" NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "PlanTarget_pkey" PRIMARY KEY ("planId","schoolId","category")
);

-- CreateTable
CREATE TABLE "PlannedMeasure" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "category" "EquipmentCategory" NOT NULL,
    "title" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "investmentCents" BIGINT NOT NULL,
    "personDays" INTEGER NOT NULL,
    "serviceLine" TEXT NOT NULL,
    "status" "PlannedMeasureStatus" NOT NULL DEFAULT 'PLANNED',
    "carriedFromYear" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlannedMeasure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlannedMeasureLink" (
    "id" TEXT NOT NULL,
    "plannedMeasureId" TEXT NOT NULL,
    "serviceMeasureId" TEXT,
    "procurementRequestId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlannedMeasureLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MediaDevelopmentPlan_predecessorId_key" ON "MediaDevelopmentPlan"("predecessorId");

-- CreateIndex
CREATE INDEX "MediaDevelopmentPlan_authorityId_status_idx" ON "MediaDevelopmentPlan"("authorityId", "status");

-- CreateIndex
CREATE INDEX "PlannedMeasure_planId_year_idx" ON "PlannedMeasure"("planId", "year");

-- CreateIndex
CREATE INDEX "PlannedMeasure_schoolId_idx" ON "PlannedMeasure"("schoolId");

-- CreateIndex
CREATE INDEX "PlannedMeasureLink_serviceMeasureId_idx" ON "PlannedMeasureLink"("serviceMeasureId");

-- CreateIndex
CREATE INDEX "PlannedMeasureLink_procurementRequestId_idx" ON "PlannedMeasureLink"("procurementRequestId");

-- CreateIndex
CREATE UNIQUE INDEX "PlannedMeasureLink_plannedMeasureId_serviceMeasureId_key" ON "PlannedMeasureLink"("plannedMeasureId", "serviceMeasureId");

-- CreateIndex
CREATE UNIQUE INDEX "PlannedMeasureLink_plannedMeasureId_procurementRequestId_key" ON "PlannedMeasureLink"("plannedMeasureId", "procurementRequestId");

-- AddForeignKey
ALTER TABLE "MediaDevelopmentPlan" ADD CONSTRAINT "MediaDevelopmentPlan_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "SchoolAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaDevelopmentPlan" ADD CONSTRAINT "MediaDevelopmentPlan_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "MediaDevelopmentPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaDevelopmentPlan" ADD CONSTRAINT "MediaDevelopmentPlan_adoptedDecisionId_fkey" FOREIGN KEY ("adoptedDecisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaDevelopmentPlan" ADD CONSTRAINT "MediaDevelopmentPlan_adoptedById_fkey" FOREIGN KEY ("adoptedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaDevelopmentPlan" ADD CONSTRAINT "MediaDevelopmentPlan_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTarget" ADD CONSTRAINT "PlanTarget_planId_fkey" FOREIGN KEY ("planId") REFERENCES "MediaDevelopmentPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTarget" ADD CONSTRAINT "PlanTarget_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlannedMeasure" ADD CONSTRAINT "PlannedMeasure_planId_fkey" FOREIGN KEY ("planId") REFERENCES "MediaDevelopmentPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlannedMeasure" ADD CONSTRAINT "PlannedMeasure_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlannedMeasureLink" ADD CONSTRAINT "PlannedMeasureLink_plannedMeasureId_fkey" FOREIGN KEY ("plannedMeasureId") REFERENCES "PlannedMeasure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlannedMeasureLink" ADD CONSTRAINT "PlannedMeasureLink_serviceMeasureId_fkey" FOREIGN KEY ("serviceMeasureId") REFERENCES "ServiceMeasure"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlannedMeasureLink" ADD CONSTRAINT "PlannedMeasureLink_procurementRequestId_fkey" FOREIGN KEY ("procurementRequestId") REFERENCES "ProcurementRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlannedMeasureLink" ADD CONSTRAINT "PlannedMeasureLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- An adopted or superseded version is frozen in the database itself: its measures and targets
-- are neither removed nor changed, except a measure's progress (status). Inserts stay open, as
-- for the ledger, so that db:copy and restore can write a frozen version's rows; the service
-- refuses new measures in a frozen version. Hand-written (Prisma's differ neither creates nor
-- drops triggers).
CREATE FUNCTION "media_plan_frozen"() RETURNS trigger AS $$
DECLARE
    plan_id TEXT;
BEGIN
    plan_id := OLD."planId";
    IF (SELECT "status" FROM "MediaDevelopmentPlan" WHERE "id" = plan_id) <> 'DRAFT' THEN
        RAISE EXCEPTION 'MediaDevelopmentPlan is frozen: only a DRAFT version changes (% on %)', TG_OP, TG_TABLE_NAME;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "PlannedMeasure_frozen" BEFORE DELETE OR UPDATE OF "planId", "schoolId", "category", "title", "year", "investmentCents", "personDays", "serviceLine" ON "PlannedMeasure"
FOR EACH ROW EXECUTE FUNCTION "media_plan_frozen"();
CREATE TRIGGER "PlanTarget_frozen" BEFORE DELETE OR UPDATE ON "PlanTarget"
FOR EACH ROW EXECUTE FUNCTION "media_plan_frozen"();

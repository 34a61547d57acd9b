-- CreateEnum
CREATE TYPE "AgreementKind" AS ENUM ('PUBLIC_LAW_AGREEMENT', 'SPECIAL_PURPOSE_AGREEMENT', 'MEMBERSHIP', 'COOPERATION_CONTRACT');

-- CreateEnum
CREATE TYPE "SupportSide" AS ENUM ('AUTHORITY_IT', 'PROVIDER');

-- CreateEnum
CREATE TYPE "AmendmentStatus" AS ENUM ('PROPOSED', 'APPROVED', 'REJECTED');

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "outsideResponsibility" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "OrderAmendment" ADD COLUMN     "decidedAt" TIMESTAMP(3),
ADD COLUMN     "decidedById" TEXT,
ADD COLUMN     "rejectionReason" TEXT,
ADD COLUMN     "status" "AmendmentStatus" NOT NULL DEFAULT 'PROPOSED';

-- Amendments made before approval existed were in force at once: they count as approved by their author.
UPDATE "OrderAmendment" SET "status" = 'APPROVED', "decidedById" = "createdById", "decidedAt" = "createdAt";

-- AlterTable
ALTER TABLE "SchoolAuthority" ADD COLUMN     "agreementCouncilDecisionOn" TEXT,
ADD COLUMN     "agreementKind" "AgreementKind",
ADD COLUMN     "agreementReference" TEXT,
ADD COLUMN     "agreementSignedOn" TEXT;

-- AlterTable
ALTER TABLE "ServiceOrder" ADD COLUMN     "budgetLine" TEXT,
ADD COLUMN     "commissionedAt" TIMESTAMP(3),
ADD COLUMN     "commissionedById" TEXT,
ADD COLUMN     "commissioningDecisionId" TEXT,
ALTER COLUMN "status" SET DEFAULT 'DRAFT';

-- CreateTable
CREATE TABLE "SchoolHandover" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "fromSide" "SupportSide" NOT NULL,
    "toSide" "SupportSide" NOT NULL,
    "handoverDate" TEXT NOT NULL,
    "note" TEXT,
    "measureId" TEXT,
    "proposedById" TEXT NOT NULL,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchoolHandover_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SchoolHandover_schoolId_handoverDate_idx" ON "SchoolHandover"("schoolId", "handoverDate");

-- AddForeignKey
ALTER TABLE "SchoolHandover" ADD CONSTRAINT "SchoolHandover_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolHandover" ADD CONSTRAINT "SchoolHandover_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "ServiceMeasure"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolHandover" ADD CONSTRAINT "SchoolHandover_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolHandover" ADD CONSTRAINT "SchoolHandover_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceOrder" ADD CONSTRAINT "ServiceOrder_commissionedById_fkey" FOREIGN KEY ("commissionedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceOrder" ADD CONSTRAINT "ServiceOrder_commissioningDecisionId_fkey" FOREIGN KEY ("commissioningDecisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderAmendment" ADD CONSTRAINT "OrderAmendment_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

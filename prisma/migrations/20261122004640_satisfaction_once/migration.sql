-- CreateIndex
CREATE UNIQUE INDEX "SatisfactionRating_escalationId_key" ON "SatisfactionRating"("escalationId");

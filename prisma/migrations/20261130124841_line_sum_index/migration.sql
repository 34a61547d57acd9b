-- CreateIndex
CREATE INDEX "DailyTotal_orderId_lineId_personDays_idx" ON "DailyTotal"("orderId", "lineId", "personDays");

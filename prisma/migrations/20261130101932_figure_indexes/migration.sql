-- CreateIndex
CREATE INDEX "DailyTotal_orderId_date_lineId_personDays_count_idx" ON "DailyTotal"("orderId", "date", "lineId", "personDays", "count");

-- CreateIndex
CREATE INDEX "Decision_agendaItemId_idx" ON "Decision"("agendaItemId");

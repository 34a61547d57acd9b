// What every PDF of the hub carries on each page once its content is written.

/**
 * "ENTWURF" across every page of a draft, and a footer "<footer> – Seite X von Y" in the bottom
 * margin. The document must be created with `bufferPages: true`.
 */
export function stampPages(
  doc: PDFKit.PDFDocument,
  options: { draft: boolean; footer: string; left: number },
): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    if (options.draft) {
      doc.save();
      doc.rotate(-45, { origin: [doc.page.width / 2, doc.page.height / 2] });
      doc
        .font("Helvetica-Bold")
        .fontSize(90)
        .fillColor("#cc0000", 0.15)
        .text("ENTWURF", 0, doc.page.height / 2 - 45, {
          width: doc.page.width,
          align: "center",
          lineBreak: false,
        });
      doc.restore();
    }
    // Writing into the bottom margin must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("Helvetica")
      .fontSize(8)
      .fillColor("#555555", 1)
      .text(
        `${options.footer} – Seite ${i - range.start + 1} von ${range.count}`,
        options.left,
        doc.page.height - 45,
        {
          width: doc.page.width - 2 * options.left,
          align: "center",
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = bottom;
  }
}

using MedSummary.Samples.Pdf;
var mt = new MarkedTextBuilder().Append("Conclusion : ", FontStyle.Bold).AppendMarked("carcinome canalaire infiltrant", ["field:histology"]).Append(" du sein gauche, grade II. Récepteurs aux œstrogènes positifs à 90 %. L’examen « complet » ; cœur, Œdème.").Build();
var blocks = new List<Block> {
  new Letterhead(["Centre Hospitalier de Valmont", "Service d'anatomie pathologique", "12 rue des Lilas, 69000 Lyon"], ["Lyon, le 12 mars 2023", "Dr J. Lefèvre"]),
  new Heading("Compte rendu d'anatomopathologie", 1),
  new Paragraph(mt),
};
for (int i = 0; i < 30; i++) blocks.Add(new Paragraph($"Paragraphe {i} : " + string.Concat(Enumerable.Repeat("Le patient est suivi régulièrement, sans événement notable. ", 6))));
blocks.Add(new Table([new("Examen", 3), new("Résultat", 1.2, TextAlign.Right), new("Unité", 1.2), new("Normes", 1.6), new("", 0.5)],
  [ new TableRow(["Hémoglobine", "8,2", "g/dL", "12,0 - 16,0", "L"]) { Marks = [new RowMark("alert:hb", 0, 2)] }, new TableRow(["Plaquettes", "85", "G/L", "150 - 400", "L"]) ]));
blocks.Add(new Columns(Enumerable.Range(0, 20).Select(i => (Block)new Paragraph($"Colonne {i}: " + string.Concat(Enumerable.Repeat("Texte en deux colonnes pour tester la mise en page. ", 4)))).ToList()));
blocks.Add(new Paragraph("Fin du document."));
var doc = new LayoutDocument { Metadata = new PdfMetadata("t", "a", "c", new DateOnly(2023, 3, 12)), Blocks = blocks,
  Header = new RunningLine("CH Valmont", "", "Patient : C.M. née le 03/04/1961"), Footer = new RunningLine("Réf. 2023-123", "", "Page {page}/{pages}"), HeaderOnFirstPage = false };
var sw = System.Diagnostics.Stopwatch.StartNew();
var r = PdfLayoutEngine.Render(doc);
var r2 = PdfLayoutEngine.Render(doc);
Console.WriteLine($"{sw.ElapsedMilliseconds} ms, {r.Bytes.Length} bytes, {r.PageCount} pages, same={r.Bytes.AsSpan().SequenceEqual(r2.Bytes)}");
File.WriteAllBytes("/tmp/spike/t.pdf", r.Bytes);
var pages = PdfTextReader.ReadPages(r.Bytes);
Console.WriteLine(pages[0][..Math.Min(900, pages[0].Length)]);
Console.WriteLine("----");
Console.WriteLine(pages[^1][..Math.Min(1500, pages[^1].Length)]);
foreach (var m in r.Marks) Console.WriteLine($"{m.Target} p{m.Page} '{m.Quote}' found={MedSummary.Core.Gold.GoldText.Contains(pages[m.Page-1], m.Quote)}");
Console.WriteLine(PlainTextRenderer.Render(doc).Pages[0].BodyText[..600]);
return 0;

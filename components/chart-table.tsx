/**
 * A chart's text equivalent: its figures as a table that screen readers read and sighted readers never see (the
 * drawing itself is hidden from assistive technology). Callers pass the rows of the SAME view-model the chart draws,
 * formatted, so the words and the picture cannot disagree. The visually hidden box is a div around the table: a
 * table ignores `width: 1px; overflow: hidden` and would widen the page by its own width (a phone scrolled sideways).
 */
export function ChartTable({ caption, columns, rows, testId }: { caption: string; columns: string[]; rows: (string | number)[][]; testId?: string }) {
  // The clipping box is a div: a table ignores `width: 1px` and would widen a phone's page by its own width.
  return (
    <div className="sr-only">
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** At most `max` rows, evenly spread, always keeping the first and the last. */
export function spread<T>(rows: T[], max = 12): T[] {
  if (rows.length <= max) return rows;
  const step = (rows.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => rows[Math.round(i * step)]!);
}

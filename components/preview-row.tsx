/** One row of a before → after preview table: the label, today's value and (when known) the value after the action. */
export function PreviewRow({
  label,
  before,
  after,
  afterClass,
  testId,
}: {
  label: string;
  before: string;
  after?: string;
  afterClass?: string;
  testId: string;
}) {
  return (
    <tr className="border-t border-slate-800" data-testid={testId}>
      <td className="py-1.5 font-sans text-slate-400">{label}</td>
      {/* A figure and its unit never part ("10,000" over "USDC" on a phone); the line may break after the arrow. */}
      <td className="py-1.5 pl-3 text-right whitespace-nowrap" data-testid="before">
        {before}
      </td>
      <td className={`py-1.5 pl-3 text-right ${afterClass ?? ""}`} data-testid="after">
        {after === undefined ? (
          <span className="text-slate-400">—</span>
        ) : (
          <>
            → <span className="whitespace-nowrap">{after}</span>
          </>
        )}
      </td>
    </tr>
  );
}

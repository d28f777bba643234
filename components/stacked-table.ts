/**
 * Classes that turn a wide table into one card per row on a phone (under Tailwind's `sm`): the header row is hidden
 * and every cell shows its column's name (the cell's `data-label`) above its value, two to a line. From `sm` up it is
 * a table. A table of 6–8 columns at 390 px otherwise hid its last columns past the right edge, with no sign there
 * was more (/markets: the oracle price and the feed's status).
 */
export const STACKED = {
  table: "w-full text-sm max-sm:block",
  head: "max-sm:hidden",
  body: "max-sm:block",
  row: "max-sm:grid max-sm:grid-cols-2 max-sm:gap-x-4 max-sm:gap-y-2 max-sm:px-4 max-sm:py-3",
  /** A cell: its label (data-label) above its value on a phone. */
  cell: "max-sm:block max-sm:p-0 max-sm:text-left max-sm:before:mb-0.5 max-sm:before:block max-sm:before:font-sans max-sm:before:text-xs max-sm:before:font-normal max-sm:before:text-slate-400 max-sm:before:content-[attr(data-label)]",
  /** The row's name (its first cell) or a message across the table: the whole width, no label. */
  title: "max-sm:col-span-2 max-sm:block max-sm:p-0 max-sm:text-left",
} as const;

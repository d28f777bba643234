import type { Metadata } from "next";
import { AutomatePage } from "./_components/automate-page";

export const metadata: Metadata = { title: "Automate · Keel" };

export default function Page() {
  return <AutomatePage />;
}

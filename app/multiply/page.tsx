import type { Metadata } from "next";
import { MultiplyPage } from "./_components/multiply-page";

export const metadata: Metadata = { title: "Multiply · Keel" };

export default function Page() {
  return <MultiplyPage />;
}

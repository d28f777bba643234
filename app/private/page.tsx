import type { Metadata } from "next";
import { PrivatePage } from "./_components/private-page";

export const metadata: Metadata = { title: "Private position · Keel" };

export default function Page() {
  return <PrivatePage />;
}

import { pageMetadata } from "@/lib/server/page-metadata";
import { PrivatePage } from "./_components/private-page";

export const generateMetadata = () => pageMetadata("private");

export default function Page() {
  return <PrivatePage />;
}

import { pageMetadata } from "@/lib/server/page-metadata";
import { AutomatePage } from "./_components/automate-page";

export const generateMetadata = () => pageMetadata("automate");

export default function Page() {
  return <AutomatePage />;
}

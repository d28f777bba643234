import { pageMetadata } from "@/lib/server/page-metadata";
import { MultiplyPage } from "./_components/multiply-page";

export const generateMetadata = () => pageMetadata("multiply");

export default function Page() {
  return <MultiplyPage />;
}

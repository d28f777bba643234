import { RiskDashboard } from "./_components/risk-dashboard";

export const metadata = { title: "Risk · Keel" };

export default function RiskPage() {
  return <RiskDashboard />;
}

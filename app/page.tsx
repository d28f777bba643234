import { Dashboard } from "./_components/dashboard";

export default function DashboardPage() {
  return <Dashboard />;
}

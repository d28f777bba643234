"use client";
import { useTranslations } from "next-intl";
import { useState, type ComponentType } from "react";

/** A Connect button that loads RainbowKit (./rainbow.tsx) when the pointer, focus or a click reaches it. */
export default function Page() {
  const t = useTranslations("bare");
  const [Ui, setUi] = useState<ComponentType | null>(null);
  const load = () => void import("./rainbow").then((m) => setUi(() => m.default));
  if (Ui) return <Ui />;
  return (
    <button type="button" onPointerEnter={load} onFocus={load} onClick={load}>
      {t("connect")}
    </button>
  );
}

"use client";
import type { ComponentType } from "react";
import { PositionAutomation } from "@/components/automation/position-automation";
import type { PositionView } from "@/lib/protocols/view";
import type { ChainConfig } from "@/lib/server/config";

/** What a panel on the position page receives. `canAct`: the connected wallet owns the position (not watch mode). */
export interface PositionPanelProps {
  chain: ChainConfig;
  view: PositionView;
  canAct: boolean;
}

/**
 * Extra panels of the Aave / Morpho position page, in order, under the actions (Multiply, protection…): add a
 * component here — or pass `panels` to <PositionPage> — and it is mounted with the position's view-model.
 */
export const POSITION_PANELS: ComponentType<PositionPanelProps>[] = [PositionAutomation];

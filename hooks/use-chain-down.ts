"use client";
import { useEffect, useRef, useState } from "react";
import { useConfig } from "wagmi";
import { getBlockNumber, watchBlockNumber } from "wagmi/actions";

/**
 * Whether the chain's block poll is failing now (wagmi polls the block number every 2 s): for a page whose own reads
 * refresh rarely — /risk's books, every 30 s — so that it says the RPC stopped answering within a poll or two, not at
 * its next refresh. False again at the first poll that answers, which also calls `onBack` (to read again at once what
 * failed meanwhile, rather than at the next refresh).
 */
export function useChainDown(chainId: number, onBack?: () => void): boolean {
  const config = useConfig();
  const back = useRef(onBack);
  useEffect(() => {
    back.current = onBack;
  });
  // Kept with the chain it is about: a page switched to another chain starts from "up".
  const [state, setState] = useState({ chainId, down: false });
  useEffect(() => {
    const id = chainId as (typeof config.chains)[number]["id"];
    let down = false;
    let probe: ReturnType<typeof setInterval> | undefined;
    const up = () => {
      if (probe !== undefined) clearInterval(probe);
      probe = undefined;
      if (down) back.current?.();
      down = false;
      setState((s) => (s.chainId === chainId && !s.down ? s : { chainId, down: false }));
    };
    const stop = watchBlockNumber(config, {
      chainId: id,
      onBlockNumber: up,
      onError: () => {
        down = true;
        setState((s) => (s.chainId === chainId && s.down ? s : { chainId, down: true }));
        // The watcher speaks again only at a new block: on a chain that mines none (anvil's automine, an idle L2) an
        // RPC back up would leave the banner. While down, ask for the block number itself until it answers.
        probe ??= setInterval(() => void getBlockNumber(config, { chainId: id, cacheTime: 0 }).then(up, () => undefined), 2_000);
      },
    });
    return () => {
      stop();
      if (probe !== undefined) clearInterval(probe);
    };
  }, [config, chainId]);
  return state.chainId === chainId && state.down;
}

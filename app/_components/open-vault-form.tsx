"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { parseEventLogs, type Address } from "viem";
import { useAccount, useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { AmountField } from "@/components/amount-field";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { useApproveAndSend } from "@/hooks/use-approve-and-send";
import { useWalletTokens } from "@/hooks/use-vault";
import { useToasts } from "@/components/toaster";
import { parseAmount } from "@/lib/view/amount";
import { findAsset } from "@/lib/config/deployment";
import { useFormat } from "@/hooks/use-format";
import { useWalletHint } from "@/hooks/use-wallet-hint";
import { useAmountProblem } from "@/hooks/use-amount-problem";
import type { ChainConfig } from "@/lib/config/chains";
import { openVaultCall } from "@/lib/protocols/keel/actions";
import { vaultHref } from "@/lib/protocols/href";

type ChainId = Parameters<typeof readContract>[1]["chainId"];

/**
 * Open a vault and make its first deposit, as one flow: Approve (exact amount unless "unlimited" is chosen) if the
 * allowance is short, then ONE transaction `market.multicall([openVault(), transferVault(id, me), depositCollateral(id,
 * asset, amount)])` with id = vaultCount() + 1. Ids are sequential; `transferVault(id, me)` is owner-only, so if
 * someone opened vault `id` first the whole batch reverts (Unauthorized) instead of depositing into their vault.
 */
export function OpenVaultForm({ chains }: { chains: ChainConfig[] }) {
  const t = useTranslations("openVault");
  const tc = useTranslations("common");
  const f = useFormat();
  const amountProblem = useAmountProblem();
  const { address } = useAccount();
  const config = useConfig();
  const router = useRouter();
  const toasts = useToasts();
  const approveAndSend = useApproveAndSend();
  const [chainId, setChainId] = useState(chains[0]!.id);
  const chain = chains.find((c) => c.id === chainId) ?? chains[0]!;
  const markets = chain.deployment!.markets;
  const [marketAddr, setMarketAddr] = useState<Address>(markets[0]!.address);
  const market = markets.find((m) => m.address === marketAddr) ?? markets[0]!;
  const [assetAddr, setAssetAddr] = useState<Address>(market.collaterals[0]!);
  const asset = findAsset(chain.deployment, market.collaterals.includes(assetAddr) ? assetAddr : market.collaterals[0]!)!;
  const [text, setText] = useState("");
  const [touched, setTouched] = useState(false);
  const [unlimited, setUnlimited] = useState(false);
  const [busy, setBusy] = useState(false);
  const wallet = useWalletTokens(chain, market.address, market.collaterals, address);
  const token = wallet.data?.get(asset.address.toLowerCase());
  const walletHint = useWalletHint(token?.balance, asset.decimals, asset.symbol);

  const parsed = parseAmount(text, { decimals: asset.decimals, symbol: asset.symbol, balance: token?.balance }, f);
  const needsApproval = parsed.ok && token !== undefined && token.allowance < parsed.value;

  async function submit() {
    setTouched(true);
    if (!parsed.ok || !address || !token) return;
    setBusy(true);
    try {
      const count = await readContract(config, {
        chainId: chain.id as ChainId,
        address: market.address,
        abi: keelMarketAbi,
        functionName: "vaultCount",
      });
      const id = count + 1n;
      const result = await approveAndSend(
        {
          token: asset.address,
          symbol: asset.symbol,
          decimals: asset.decimals,
          spender: market.address,
          amount: parsed.value,
          allowance: token.allowance,
          unlimited,
        },
        {
          label: t("label", { id: id.toString(), amount: f.token(parsed.value, asset.decimals, asset.symbol, asset.decimals) }),
          chainId: chain.id,
          address: market.address,
          abi: keelMarketAbi,
          ...openVaultCall({ id, owner: address, asset: asset.address, amount: parsed.value }),
        },
      );
      if (result.status === "confirmed") {
        const opened = parseEventLogs({ abi: keelMarketAbi, eventName: "VaultOpened", logs: result.receipt.logs })[0];
        const openedId = opened?.args.id ?? id;
        setText("");
        setTouched(false);
        router.push(vaultHref(chain.id, market.address, openedId));
      } else if (result.status === "failed" && result.error.errorName === "Unauthorized") {
        toasts.show({
          tone: "info",
          title: t("raceTitle"),
          body: t("raceBody", { id: id.toString() }),
        });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="grid grid-cols-1 gap-4 md:grid-cols-[1fr_1fr_2fr_auto] md:items-start"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="open-vault-form"
    >
      {chains.length > 1 && (
        <label className="space-y-1 text-xs text-slate-400">
          <span>{t("chain")}</span>
          <select
            value={chainId}
            onChange={(e) => setChainId(Number(e.target.value))}
            className="block min-h-11 w-full rounded-lg border border-slate-700 bg-slate-950 px-3 py-2 text-sm text-slate-100"
          >
            {chains.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="space-y-1 text-xs text-slate-400">
        <span>{t("market")}</span>
        <select
          aria-label={t("marketShort")}
          value={market.address}
          onChange={(e) => {
            const m = markets.find((x) => x.address === e.target.value)!;
            setMarketAddr(m.address);
            setAssetAddr(m.collaterals[0]!);
          }}
          className="block min-h-11 w-full rounded-lg border border-slate-700 bg-slate-950 px-3 py-2 text-sm text-slate-100"
        >
          {markets.map((m) => (
            <option key={m.address} value={m.address}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-1 text-xs text-slate-400">
        <span>{t("collateral")}</span>
        <select
          aria-label={t("collateral")}
          value={asset.address}
          onChange={(e) => setAssetAddr(e.target.value as Address)}
          className="block min-h-11 w-full rounded-lg border border-slate-700 bg-slate-950 px-3 py-2 text-sm text-slate-100"
        >
          {market.collaterals.map((a) => (
            <option key={a} value={a}>
              {findAsset(chain.deployment, a)?.symbol ?? a}
            </option>
          ))}
        </select>
      </label>
      <AmountField
        id="open-amount"
        label={t("firstDeposit")}
        symbol={asset.symbol}
        value={text}
        onChange={(t) => {
          setText(t);
          setTouched(true);
        }}
        onMax={token ? () => (setText(f.unitsInput(token.balance, asset.decimals)), setTouched(true)) : undefined}
        hint={walletHint}
        problem={touched && !parsed.ok ? amountProblem(parsed) : null}
      />
      <div className="space-y-2 md:pt-5">
        <button
          type="submit"
          disabled={!parsed.ok || busy || !token}
          className="min-h-11 w-full whitespace-nowrap rounded-md bg-sky-500 px-4 py-2 text-sm font-medium text-slate-950 hover:bg-sky-400 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {busy ? tc("working") : needsApproval ? t("approveAndOpen") : t("open")}
        </button>
        {needsApproval && (
          <label className="flex items-center gap-2 text-xs text-slate-400">
            <input type="checkbox" className="h-5 w-5" checked={unlimited} onChange={(e) => setUnlimited(e.target.checked)} />
            {tc("approveUnlimited")}
          </label>
        )}
      </div>
    </form>
  );
}

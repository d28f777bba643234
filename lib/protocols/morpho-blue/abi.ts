// Generated from the @morpho-org/morpho-blue 1.0.0 build (scripts/lib/morpho-build.ts; only what the adapter calls),
// plus Morpho's IOracle and IIrm views.

export const morphoBlueAbi = [
  {
    inputs: [
      {
        name: "",
        type: "bytes32",
      },
      {
        name: "",
        type: "address",
      },
    ],
    name: "position",
    outputs: [
      {
        name: "supplyShares",
        type: "uint256",
      },
      {
        name: "borrowShares",
        type: "uint128",
      },
      {
        name: "collateral",
        type: "uint128",
      },
    ],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [
      {
        name: "",
        type: "bytes32",
      },
    ],
    name: "market",
    outputs: [
      {
        name: "totalSupplyAssets",
        type: "uint128",
      },
      {
        name: "totalSupplyShares",
        type: "uint128",
      },
      {
        name: "totalBorrowAssets",
        type: "uint128",
      },
      {
        name: "totalBorrowShares",
        type: "uint128",
      },
      {
        name: "lastUpdate",
        type: "uint128",
      },
      {
        name: "fee",
        type: "uint128",
      },
    ],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [
      {
        name: "",
        type: "bytes32",
      },
    ],
    name: "idToMarketParams",
    outputs: [
      {
        name: "loanToken",
        type: "address",
      },
      {
        name: "collateralToken",
        type: "address",
      },
      {
        name: "oracle",
        type: "address",
      },
      {
        name: "irm",
        type: "address",
      },
      {
        name: "lltv",
        type: "uint256",
      },
    ],
    stateMutability: "view",
    type: "function",
  },
  {
    inputs: [
      {
        components: [
          {
            name: "loanToken",
            type: "address",
          },
          {
            name: "collateralToken",
            type: "address",
          },
          {
            name: "oracle",
            type: "address",
          },
          {
            name: "irm",
            type: "address",
          },
          {
            name: "lltv",
            type: "uint256",
          },
        ],
        name: "marketParams",
        type: "tuple",
      },
      {
        name: "assets",
        type: "uint256",
      },
      {
        name: "shares",
        type: "uint256",
      },
      {
        name: "onBehalf",
        type: "address",
      },
      {
        name: "data",
        type: "bytes",
      },
    ],
    name: "supply",
    outputs: [
      {
        name: "",
        type: "uint256",
      },
      {
        name: "",
        type: "uint256",
      },
    ],
    stateMutability: "nonpayable",
    type: "function",
  },
  {
    inputs: [
      {
        components: [
          {
            name: "loanToken",
            type: "address",
          },
          {
            name: "collateralToken",
            type: "address",
          },
          {
            name: "oracle",
            type: "address",
          },
          {
            name: "irm",
            type: "address",
          },
          {
            name: "lltv",
            type: "uint256",
          },
        ],
        name: "marketParams",
        type: "tuple",
      },
      {
        name: "assets",
        type: "uint256",
      },
      {
        name: "onBehalf",
        type: "address",
      },
      {
        name: "data",
        type: "bytes",
      },
    ],
    name: "supplyCollateral",
    outputs: [],
    stateMutability: "nonpayable",
    type: "function",
  },
  {
    inputs: [
      {
        components: [
          {
            name: "loanToken",
            type: "address",
          },
          {
            name: "collateralToken",
            type: "address",
          },
          {
            name: "oracle",
            type: "address",
          },
          {
            name: "irm",
            type: "address",
          },
          {
            name: "lltv",
            type: "uint256",
          },
        ],
        name: "marketParams",
        type: "tuple",
      },
      {
        name: "assets",
        type: "uint256",
      },
      {
        name: "onBehalf",
        type: "address",
      },
      {
        name: "receiver",
        type: "address",
      },
    ],
    name: "withdrawCollateral",
    outputs: [],
    stateMutability: "nonpayable",
    type: "function",
  },
  {
    inputs: [
      {
        components: [
          {
            name: "loanToken",
            type: "address",
          },
          {
            name: "collateralToken",
            type: "address",
          },
          {
            name: "oracle",
            type: "address",
          },
          {
            name: "irm",
            type: "address",
          },
          {
            name: "lltv",
            type: "uint256",
          },
        ],
        name: "marketParams",
        type: "tuple",
      },
      {
        name: "assets",
        type: "uint256",
      },
      {
        name: "shares",
        type: "uint256",
      },
      {
        name: "onBehalf",
        type: "address",
      },
      {
        name: "receiver",
        type: "address",
      },
    ],
    name: "borrow",
    outputs: [
      {
        name: "",
        type: "uint256",
      },
      {
        name: "",
        type: "uint256",
      },
    ],
    stateMutability: "nonpayable",
    type: "function",
  },
  {
    inputs: [
      {
        components: [
          {
            name: "loanToken",
            type: "address",
          },
          {
            name: "collateralToken",
            type: "address",
          },
          {
            name: "oracle",
            type: "address",
          },
          {
            name: "irm",
            type: "address",
          },
          {
            name: "lltv",
            type: "uint256",
          },
        ],
        name: "marketParams",
        type: "tuple",
      },
      {
        name: "assets",
        type: "uint256",
      },
      {
        name: "shares",
        type: "uint256",
      },
      {
        name: "onBehalf",
        type: "address",
      },
      {
        name: "data",
        type: "bytes",
      },
    ],
    name: "repay",
    outputs: [
      {
        name: "",
        type: "uint256",
      },
      {
        name: "",
        type: "uint256",
      },
    ],
    stateMutability: "nonpayable",
    type: "function",
  },
  {
    inputs: [
      {
        components: [
          {
            name: "loanToken",
            type: "address",
          },
          {
            name: "collateralToken",
            type: "address",
          },
          {
            name: "oracle",
            type: "address",
          },
          {
            name: "irm",
            type: "address",
          },
          {
            name: "lltv",
            type: "uint256",
          },
        ],
        name: "marketParams",
        type: "tuple",
      },
      {
        name: "assets",
        type: "uint256",
      },
      {
        name: "shares",
        type: "uint256",
      },
      {
        name: "onBehalf",
        type: "address",
      },
      {
        name: "receiver",
        type: "address",
      },
    ],
    name: "withdraw",
    outputs: [
      {
        name: "",
        type: "uint256",
      },
      {
        name: "",
        type: "uint256",
      },
    ],
    stateMutability: "nonpayable",
    type: "function",
  },
  {
    inputs: [
      {
        components: [
          {
            name: "loanToken",
            type: "address",
          },
          {
            name: "collateralToken",
            type: "address",
          },
          {
            name: "oracle",
            type: "address",
          },
          {
            name: "irm",
            type: "address",
          },
          {
            name: "lltv",
            type: "uint256",
          },
        ],
        name: "marketParams",
        type: "tuple",
      },
    ],
    name: "accrueInterest",
    outputs: [],
    stateMutability: "nonpayable",
    type: "function",
  },
] as const;

export const morphoOracleAbi = [
  {
    type: "function",
    name: "price",
    inputs: [],
    outputs: [
      {
        name: "",
        type: "uint256",
      },
    ],
    stateMutability: "view",
  },
] as const;

export const morphoIrmAbi = [
  {
    type: "function",
    name: "borrowRateView",
    stateMutability: "view",
    inputs: [
      {
        name: "marketParams",
        type: "tuple",
        components: [
          {
            name: "loanToken",
            type: "address",
          },
          {
            name: "collateralToken",
            type: "address",
          },
          {
            name: "oracle",
            type: "address",
          },
          {
            name: "irm",
            type: "address",
          },
          {
            name: "lltv",
            type: "uint256",
          },
        ],
      },
      {
        name: "market",
        type: "tuple",
        components: [
          {
            name: "totalSupplyAssets",
            type: "uint128",
          },
          {
            name: "totalSupplyShares",
            type: "uint128",
          },
          {
            name: "totalBorrowAssets",
            type: "uint128",
          },
          {
            name: "totalBorrowShares",
            type: "uint128",
          },
          {
            name: "lastUpdate",
            type: "uint128",
          },
          {
            name: "fee",
            type: "uint128",
          },
        ],
      },
    ],
    outputs: [
      {
        name: "",
        type: "uint256",
      },
    ],
  },
] as const;

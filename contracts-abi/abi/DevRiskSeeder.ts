//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// DevRiskSeeder
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const devRiskSeederAbi = [
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'contract IKeelMarket', type: 'address' },
      { name: 'assets', internalType: 'address[]', type: 'address[]' },
      {
        name: 'vaults',
        internalType: 'struct DevRiskSeeder.SeedVault[]',
        type: 'tuple[]',
        components: [
          { name: 'owner', internalType: 'address', type: 'address' },
          { name: 'amounts', internalType: 'uint256[]', type: 'uint256[]' },
          { name: 'borrow', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    name: 'seed',
    outputs: [{ name: 'firstId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'market',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'firstId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'count',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Seeded',
  },
  {
    type: 'error',
    inputs: [
      { name: 'index', internalType: 'uint256', type: 'uint256' },
      { name: 'amounts', internalType: 'uint256', type: 'uint256' },
      { name: 'assets', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'AmountsMismatch',
  },
] as const

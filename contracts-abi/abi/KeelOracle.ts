//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeelOracle
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keelOracleAbi = [
  {
    type: 'constructor',
    inputs: [{ name: 'owner_', internalType: 'address', type: 'address' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_FEED_DECIMALS',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_HEARTBEAT',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'acceptOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'assets',
    outputs: [{ name: '', internalType: 'address[]', type: 'address[]' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'feedConfig',
    outputs: [
      {
        name: '',
        internalType: 'struct KeelOracle.FeedConfig',
        type: 'tuple',
        components: [
          {
            name: 'feed',
            internalType: 'contract AggregatorV3Interface',
            type: 'address',
          },
          { name: 'heartbeat', internalType: 'uint32', type: 'uint32' },
          { name: 'feedDecimals', internalType: 'uint8', type: 'uint8' },
          { name: 'minAnswer', internalType: 'int128', type: 'int128' },
          { name: 'maxAnswer', internalType: 'int128', type: 'int128' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'peek',
    outputs: [
      {
        name: '',
        internalType: 'struct KeelOracle.FeedState',
        type: 'tuple',
        components: [
          { name: 'asset', internalType: 'address', type: 'address' },
          { name: 'feed', internalType: 'address', type: 'address' },
          { name: 'feedDecimals', internalType: 'uint8', type: 'uint8' },
          { name: 'heartbeat', internalType: 'uint32', type: 'uint32' },
          { name: 'minAnswer', internalType: 'int256', type: 'int256' },
          { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
          { name: 'roundId', internalType: 'uint80', type: 'uint80' },
          { name: 'answer', internalType: 'int256', type: 'int256' },
          { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
          { name: 'price', internalType: 'uint256', type: 'uint256' },
          {
            name: 'status',
            internalType: 'enum KeelOracle.Status',
            type: 'uint8',
          },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'peekAll',
    outputs: [
      {
        name: 'states',
        internalType: 'struct KeelOracle.FeedState[]',
        type: 'tuple[]',
        components: [
          { name: 'asset', internalType: 'address', type: 'address' },
          { name: 'feed', internalType: 'address', type: 'address' },
          { name: 'feedDecimals', internalType: 'uint8', type: 'uint8' },
          { name: 'heartbeat', internalType: 'uint32', type: 'uint32' },
          { name: 'minAnswer', internalType: 'int256', type: 'int256' },
          { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
          { name: 'roundId', internalType: 'uint80', type: 'uint80' },
          { name: 'answer', internalType: 'int256', type: 'int256' },
          { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
          { name: 'price', internalType: 'uint256', type: 'uint256' },
          {
            name: 'status',
            internalType: 'enum KeelOracle.Status',
            type: 'uint8',
          },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pendingOwner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'price',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'a', internalType: 'address', type: 'address' },
      { name: 'b', internalType: 'address', type: 'address' },
    ],
    name: 'prices',
    outputs: [
      { name: 'priceA', internalType: 'uint256', type: 'uint256' },
      { name: 'priceB', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      {
        name: 'feed',
        internalType: 'contract AggregatorV3Interface',
        type: 'address',
      },
      { name: 'heartbeat', internalType: 'uint32', type: 'uint32' },
      { name: 'minAnswer', internalType: 'int256', type: 'int256' },
      { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
    ],
    name: 'setFeed',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'asset',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'feed', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'heartbeat',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
      {
        name: 'feedDecimals',
        internalType: 'uint8',
        type: 'uint8',
        indexed: false,
      },
      {
        name: 'minAnswer',
        internalType: 'int256',
        type: 'int256',
        indexed: false,
      },
      {
        name: 'maxAnswer',
        internalType: 'int256',
        type: 'int256',
        indexed: false,
      },
    ],
    name: 'FeedSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  {
    type: 'error',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'FeedCallFailed',
  },
  {
    type: 'error',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'roundId', internalType: 'uint80', type: 'uint80' },
    ],
    name: 'IncompleteRound',
  },
  {
    type: 'error',
    inputs: [
      { name: 'minAnswer', internalType: 'int256', type: 'int256' },
      { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
    ],
    name: 'InvalidBounds',
  },
  {
    type: 'error',
    inputs: [{ name: 'decimals', internalType: 'uint8', type: 'uint8' }],
    name: 'InvalidFeedDecimals',
  },
  {
    type: 'error',
    inputs: [{ name: 'heartbeat', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidHeartbeat',
  },
  {
    type: 'error',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'NoFeed',
  },
  {
    type: 'error',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'answer', internalType: 'int256', type: 'int256' },
    ],
    name: 'NonPositivePrice',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
  {
    type: 'error',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'PriceFromFuture',
  },
  {
    type: 'error',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'answer', internalType: 'int256', type: 'int256' },
      { name: 'minAnswer', internalType: 'int256', type: 'int256' },
      { name: 'maxAnswer', internalType: 'int256', type: 'int256' },
    ],
    name: 'PriceOutOfBounds',
  },
  {
    type: 'error',
    inputs: [
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'updatedAt', internalType: 'uint256', type: 'uint256' },
      { name: 'heartbeat', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'StalePrice',
  },
  { type: 'error', inputs: [], name: 'ZeroFeed' },
] as const

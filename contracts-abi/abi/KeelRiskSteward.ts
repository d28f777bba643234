//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeelRiskSteward
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keelRiskStewardAbi = [
  {
    type: 'constructor',
    inputs: [
      {
        name: 'riskAdmin_',
        internalType: 'contract KeelRiskAdmin',
        type: 'address',
      },
      { name: 'maxStep_', internalType: 'uint256', type: 'uint256' },
      { name: 'minInterval_', internalType: 'uint256', type: 'uint256' },
      { name: 'agent_', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_STEP_BOUND',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MIN_INTERVAL_BOUND',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'agent',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'changes',
    outputs: [
      {
        name: '',
        internalType: 'struct StewardChange[]',
        type: 'tuple[]',
        components: [
          { name: 'changeId', internalType: 'uint256', type: 'uint256' },
          { name: 'market', internalType: 'address', type: 'address' },
          { name: 'asset', internalType: 'address', type: 'address' },
          { name: 'fromLtv', internalType: 'uint64', type: 'uint64' },
          { name: 'fromLt', internalType: 'uint64', type: 'uint64' },
          { name: 'toLtv', internalType: 'uint64', type: 'uint64' },
          { name: 'toLt', internalType: 'uint64', type: 'uint64' },
          { name: 'proposedAt', internalType: 'uint64', type: 'uint64' },
          { name: 'executableAt', internalType: 'uint64', type: 'uint64' },
          { name: 'expiresAt', internalType: 'uint64', type: 'uint64' },
          { name: 'executedAt', internalType: 'uint64', type: 'uint64' },
          {
            name: 'inputs',
            internalType: 'struct StewardInputs',
            type: 'tuple',
            components: [
              { name: 'volatility', internalType: 'uint64', type: 'uint64' },
              {
                name: 'liquidationSeconds',
                internalType: 'uint64',
                type: 'uint64',
              },
              { name: 'priceImpact', internalType: 'uint64', type: 'uint64' },
              {
                name: 'insolvencyOdds',
                internalType: 'uint64',
                type: 'uint64',
              },
            ],
          },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    name: 'execute',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'asset', internalType: 'address', type: 'address' },
    ],
    name: 'lastActionAt',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'maxStep',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'minInterval',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'asset', internalType: 'address', type: 'address' },
    ],
    name: 'nextActionAt',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'market', internalType: 'address', type: 'address' },
      { name: 'asset', internalType: 'address', type: 'address' },
      { name: 'ltv', internalType: 'uint64', type: 'uint64' },
      { name: 'lt', internalType: 'uint64', type: 'uint64' },
      {
        name: 'inputs',
        internalType: 'struct StewardInputs',
        type: 'tuple',
        components: [
          { name: 'volatility', internalType: 'uint64', type: 'uint64' },
          {
            name: 'liquidationSeconds',
            internalType: 'uint64',
            type: 'uint64',
          },
          { name: 'priceImpact', internalType: 'uint64', type: 'uint64' },
          { name: 'insolvencyOdds', internalType: 'uint64', type: 'uint64' },
        ],
      },
    ],
    name: 'propose',
    outputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'riskAdmin',
    outputs: [
      { name: '', internalType: 'contract KeelRiskAdmin', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'agent_', internalType: 'address', type: 'address' }],
    name: 'setAgent',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'agent',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'AgentSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'changeId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
    ],
    name: 'StewardExecuted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'changeId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'market',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'asset',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'fromLtv',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'fromLt',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'toLtv',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'toLt',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'inputs',
        internalType: 'struct StewardInputs',
        type: 'tuple',
        components: [
          { name: 'volatility', internalType: 'uint64', type: 'uint64' },
          {
            name: 'liquidationSeconds',
            internalType: 'uint64',
            type: 'uint64',
          },
          { name: 'priceImpact', internalType: 'uint64', type: 'uint64' },
          { name: 'insolvencyOdds', internalType: 'uint64', type: 'uint64' },
        ],
        indexed: false,
      },
    ],
    name: 'StewardProposed',
  },
  {
    type: 'error',
    inputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    name: 'ChangePending',
  },
  {
    type: 'error',
    inputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    name: 'CollateralChangedSince',
  },
  {
    type: 'error',
    inputs: [
      { name: 'maxStep', internalType: 'uint256', type: 'uint256' },
      { name: 'minInterval', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InvalidStewardConfig',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotAgent',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotGovernance',
  },
  { type: 'error', inputs: [], name: 'NothingToChange' },
  {
    type: 'error',
    inputs: [
      { name: 'current', internalType: 'uint256', type: 'uint256' },
      { name: 'proposed', internalType: 'uint256', type: 'uint256' },
      { name: 'maxStep', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'StepTooLarge',
  },
  {
    type: 'error',
    inputs: [{ name: 'nextAt', internalType: 'uint256', type: 'uint256' }],
    name: 'TooSoon',
  },
  {
    type: 'error',
    inputs: [{ name: 'changeId', internalType: 'uint256', type: 'uint256' }],
    name: 'UnknownStewardChange',
  },
] as const

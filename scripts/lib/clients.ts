export { clientsFor, localChain } from "../../lib/server/clients";

// How 工作台 and the bell open the ledger: the ledger page reads this from the router's state and
// shows exactly the items behind what was clicked (their ids come from the core).
import type { WorkbenchPick } from '../../api/types/WorkbenchPick';

export interface LedgerLink {
  /** The set to show, e.g. 超期 of 工作台. */
  pick?: WorkbenchPick;
  /** What the set is called on the ledger's banner, e.g. “本月 · 已办结”. */
  label?: string;
  /** The item to open in the drawer. */
  openId?: number;
}

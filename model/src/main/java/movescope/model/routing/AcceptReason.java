package movescope.model.routing;

/** Why a write was accepted; which step of kevy's write path (kevy-move-scope.md §3) let it through. */
public enum AcceptReason {
    /** Not a checked write (read, MSET, multi-key DEL/UNLINK, FLUSH*, RENAME*, RPOPLPUSH/LMOVE, ...). */
    NOT_CHECKED,
    /** Step 1: the key is under the prefix this shard is ingesting. */
    INGEST,
    /** Step 4: the node declares no scopes. */
    NO_SCOPES,
    /** Step 4: the node has no {@code node_id}. */
    NO_NODE_ID,
    /** Step 5: this node is the active owner. */
    OWNED,
    /** Step 5: no scope matches the key. */
    UNKNOWN
}

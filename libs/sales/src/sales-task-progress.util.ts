/** A task of the chain with the progress its assignee made directly (completed orders attributed to it in its period). */
export interface TaskNode {
  id: string;
  parentId: string | null;
  targetValue: number;
  /** Orders (count task) or fen (amount task) of completed orders attributed to the assignee in the period. */
  own: number;
}

export interface TaskProgress {
  id: string;
  /** A leaf's own progress; a parent's is the sum of its children's progress. */
  achieved: number;
  targetValue: number;
  /** achieved / target in percent, two decimals (null when the target is 0). */
  percent: number | null;
  children: string[];
}

/**
 * Progress roll-up of a task chain (manager → team → person): a task without sub-tasks progresses
 * by the completed orders attributed to its assignee; a task with sub-tasks by the sum of its
 * sub-tasks' progress (so an order is never counted twice up the chain). Cycles cannot be stored;
 * a node whose parent is outside `nodes` is a root.
 */
export function rollUpProgress(nodes: TaskNode[]): Map<string, TaskProgress> {
  const children = new Map<string, string[]>();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) if (n.parentId && byId.has(n.parentId)) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const out = new Map<string, TaskProgress>();
  const visit = (id: string, path: Set<string>): number => {
    const done = out.get(id);
    if (done) return done.achieved;
    if (path.has(id)) throw new Error(`task chain has a cycle at ${id}`);
    path.add(id);
    const n = byId.get(id)!;
    const kids = children.get(id) ?? [];
    const achieved = kids.length ? kids.reduce((s, k) => s + visit(k, path), 0) : n.own;
    path.delete(id);
    out.set(id, { id, achieved, targetValue: n.targetValue, percent: n.targetValue > 0 ? Math.round((achieved / n.targetValue) * 10_000) / 100 : null, children: kids });
    return achieved;
  };
  for (const n of nodes) visit(n.id, new Set());
  return out;
}

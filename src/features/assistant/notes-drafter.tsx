"use client";

import { CheckCircle2, ClipboardPaste, TriangleAlert } from "lucide-react";
import { useId, useState } from "react";
import { ZProposal, type TProposal, type TProposalOut } from "@/contracts/assistant-actions";
import { can } from "@/domain/permissions";
import { ITEM_TYPES, type ItemType } from "@/domain/types";
import { Button } from "@/components/ui/button";
import { Input, Select, Textarea } from "@/components/ui/field";
import { cn } from "@/lib/cn";
import { errorInfo } from "@/lib/trpc-error";
import { api } from "@/trpc/react";
import type { AssistantScope } from "./chat-parts";

type Row = { key: number; selected: boolean; proposal: TProposalOut };
type Applied = { created: number[]; updated: number[]; notes: number };

const EXAMPLE = `Risk: Supplier may miss the delivery window
Action: Send the revised plan @Jane Doe by 2025-03-20
Decision: Use the backup supplier for phase 2
#12: Supplier confirmed a two-week slip`;

/** The proposal as sent to chat.applyProposals (the read-only hints left out). */
function payload(p: TProposalOut): TProposal {
  const { itemTitle: _t, problem: _p, ...rest } = p;
  if (rest.kind !== "create") return rest;
  const out: TProposal = { kind: "create", type: rest.type, title: rest.title };
  if (rest.assignedTo?.trim()) out.assignedTo = rest.assignedTo.trim();
  if (rest.finish) out.finish = rest.finish;
  if (rest.finish && rest.type === "Action Item") out.deadline = rest.deadline ?? rest.finish;
  else if (rest.deadline) out.deadline = rest.deadline;
  return out;
}

/** Field problems of one proposal, checked in the browser before anything is sent. */
function localErrors(p: TProposalOut): Record<string, string> {
  const r = ZProposal.safeParse(payload(p));
  if (r.success) return p.problem ? { itemNum: p.problem } : {};
  return Object.fromEntries(r.error.issues.map((i) => [String(i.path.at(-1) ?? "title"), i.message]));
}

/**
 * "Draft from notes" (SPEC §14): paste meeting notes → the assistant proposes
 * changes → review (each field editable, select all / none) → apply the
 * selected ones through chat.applyProposals. Nothing is written before Apply.
 */
export function NotesDrafter({ orgSlug, projectId, onOpenItem }: AssistantScope) {
  const id = useId();
  const project = api.project.get.useQuery({ orgSlug, projectId }, { staleTime: 60_000 });
  const [text, setText] = useState("");
  const [rows, setRows] = useState<Row[] | null>(null);
  const [mode, setMode] = useState<"model" | "offline" | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<number, Record<string, string>>>({});
  const [applied, setApplied] = useState<Applied | null>(null);
  const propose = api.chat.proposeFromNotes.useMutation();
  const apply = api.chat.applyProposals.useMutation();

  const mayWrite = project.data ? can(project.data.role, "item.create") : true;
  const selected = rows?.filter((r) => r.selected) ?? [];
  const errors = (r: Row) => ({ ...localErrors(r.proposal), ...(serverErrors[r.key] ?? {}) });
  const blocked = selected.some((r) => Object.keys(errors(r)).length > 0);

  const update = (key: number, change: Partial<TProposalOut> | { selected: boolean }) => {
    setServerErrors((e) => ({ ...e, [key]: {} }));
    setRows((rs) =>
      (rs ?? []).map((r) =>
        r.key !== key
          ? r
          : "selected" in change
            ? { ...r, selected: change.selected }
            : { ...r, proposal: { ...r.proposal, ...change } as TProposalOut },
      ),
    );
  };

  const onPropose = async () => {
    setApplied(null);
    setServerErrors({});
    const res = await propose.mutateAsync({ orgSlug, projectId, text }).catch(() => null);
    if (!res) return;
    setMode(res.mode);
    setRows(res.proposals.map((p, i) => ({ key: i, selected: !p.problem, proposal: p })));
  };

  const onApply = async () => {
    const chosen = selected;
    setServerErrors({});
    try {
      const res = await apply.mutateAsync({
        orgSlug,
        projectId,
        proposals: chosen.map((r) => payload(r.proposal)),
      });
      setApplied(res);
      setRows(null);
      setText("");
    } catch (err) {
      const byRow: Record<number, Record<string, string>> = {};
      for (const [path, msgs] of Object.entries(errorInfo(err).fieldErrors)) {
        const m = /^proposals\.(\d+)\.(.+)$/.exec(path);
        const row = m ? chosen[Number(m[1])] : undefined;
        if (row && msgs?.[0]) (byRow[row.key] ??= {})[m![2]!.split(".").at(-1)!] = msgs[0];
      }
      setServerErrors(byRow);
    }
  };

  if (!mayWrite)
    return (
      <p className="px-4 py-6 text-sm text-slate-600">
        Drafting from notes adds items to this project; your role here is view-only.
      </p>
    );

  return (
    <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-3 py-4 sm:px-4">
      {applied && (
        <div
          role="status"
          className="rounded-lg bg-green-50 px-3 py-2 text-sm text-green-900 ring-1 ring-green-200"
        >
          <p className="flex items-center gap-1.5 font-medium">
            <CheckCircle2 className="size-4" aria-hidden="true" /> Applied.
          </p>
          {applied.created.length > 0 && (
            <p>
              Created{" "}
              {applied.created.map((n, i) => (
                <span key={n}>
                  {i > 0 && ", "}
                  <button
                    type="button"
                    className="font-medium text-blue-700 underline"
                    onClick={() => onOpenItem(n)}
                  >
                    #{n}
                  </button>
                </span>
              ))}
            </p>
          )}
          {applied.updated.length > 0 && <p>Updated {applied.updated.map((n) => `#${n}`).join(", ")}</p>}
          {applied.notes > 0 && (
            <p>{applied.notes === 1 ? "1 note added" : `${applied.notes} notes added`}</p>
          )}
        </div>
      )}

      {!rows && (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void onPropose();
          }}
        >
          <label htmlFor={`${id}-notes`} className="block text-sm font-medium text-slate-800">
            Paste meeting notes or an e-mail
          </label>
          <Textarea
            id={`${id}-notes`}
            value={text}
            rows={10}
            maxLength={20_000}
            onChange={(e) => setText(e.target.value)}
            placeholder={EXAMPLE}
            className="font-mono text-sm"
          />
          <p className="text-xs text-slate-600">
            Lines starting with Risk:, Issue:, Action:, Decision:, Deliverable: or Plan: become new items;
            @Name assigns, “by YYYY-MM-DD” sets the finish; “#12: …” adds a note to item 12. Nothing is saved
            until you apply.
          </p>
          {propose.error && <p className="text-sm text-red-700">{errorInfo(propose.error).message}</p>}
          <Button type="submit" loading={propose.isPending} disabled={!text.trim()}>
            <ClipboardPaste className="size-4" aria-hidden="true" /> Propose
          </Button>
        </form>
      )}

      {rows && (
        <div className="space-y-3">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="text-sm font-semibold text-slate-900">
              {rows.length === 1 ? "1 proposal" : `${rows.length} proposals`}
            </h3>
            {mode === "offline" && (
              <span className="text-xs text-slate-500">(read without the AI model)</span>
            )}
            <span className="ml-auto flex gap-1">
              <Button
                type="button"
                size="sm"
                variant="ghost"
                onClick={() => setRows(rows.map((r) => ({ ...r, selected: true })))}
              >
                Select all
              </Button>
              <Button
                type="button"
                size="sm"
                variant="ghost"
                onClick={() => setRows(rows.map((r) => ({ ...r, selected: false })))}
              >
                Select none
              </Button>
            </span>
          </div>
          {rows.length === 0 && (
            <p className="text-sm text-slate-600">
              Nothing to propose: start lines with a type word (Risk:, Action: …) or #N: for a note.
            </p>
          )}
          <ul className="space-y-2" aria-label="Proposals">
            {rows.map((r) => (
              <ProposalRow key={r.key} row={r} errors={errors(r)} onChange={(c) => update(r.key, c)} />
            ))}
          </ul>
          {apply.error && Object.keys(serverErrors).length === 0 && (
            <p className="text-sm text-red-700">{errorInfo(apply.error).message}</p>
          )}
          <div className="flex flex-wrap gap-2 pb-2">
            <Button
              type="button"
              onClick={() => void onApply()}
              loading={apply.isPending}
              disabled={!selected.length || blocked}
            >
              Apply selected ({selected.length})
            </Button>
            <Button type="button" variant="secondary" onClick={() => setRows(null)}>
              Back to the notes
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}

function ProposalRow({
  row,
  errors,
  onChange,
}: {
  row: Row;
  errors: Record<string, string>;
  onChange: (c: Partial<TProposalOut> | { selected: boolean }) => void;
}) {
  const id = useId();
  const p = row.proposal;
  const err = (f: string) =>
    errors[f] ? (
      <span className="text-xs font-medium text-red-700" id={`${id}-${f}-err`}>
        {errors[f]}
      </span>
    ) : null;
  const label =
    p.kind === "create" ? "New item" : p.kind === "note" ? `Note on #${p.itemNum}` : `Update #${p.itemNum}`;
  return (
    <li
      className={cn(
        "rounded-lg p-3 ring-1",
        row.selected ? "bg-white ring-blue-300" : "bg-slate-50 ring-slate-200",
      )}
    >
      <label className="flex min-h-8 items-center gap-2 text-sm font-medium text-slate-900">
        <input
          type="checkbox"
          checked={row.selected}
          onChange={(e) => onChange({ selected: e.target.checked })}
          className="size-4.5 accent-blue-700"
        />
        {label}
        {p.kind !== "create" && p.itemTitle && (
          <span className="truncate font-normal text-slate-600">— {p.itemTitle}</span>
        )}
      </label>
      {errors.itemNum && (
        <p className="mt-1 flex items-center gap-1 text-xs font-medium text-red-700">
          <TriangleAlert className="size-3.5" aria-hidden="true" /> {errors.itemNum}
        </p>
      )}
      {p.kind === "create" && (
        <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-[9rem_1fr]">
          <Select
            aria-label="Type"
            value={p.type}
            onChange={(e) => onChange({ type: e.target.value as ItemType })}
          >
            {ITEM_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </Select>
          <div>
            <Input
              aria-label="Title"
              value={p.title}
              onChange={(e) => onChange({ title: e.target.value })}
              aria-invalid={!!errors.title || undefined}
            />
            {err("title")}
          </div>
          <label className="flex items-center gap-2 text-xs text-slate-600 sm:col-span-2">
            <span className="w-16 shrink-0 sm:w-[9rem] sm:text-right">Assigned to</span>
            <Input
              aria-label="Assigned to"
              placeholder="Nobody"
              value={p.assignedTo ?? ""}
              onChange={(e) => onChange({ assignedTo: e.target.value || undefined })}
            />
          </label>
          <div className="sm:col-span-2">
            <label className="flex items-center gap-2 text-xs text-slate-600">
              <span className="w-16 shrink-0 sm:w-[9rem] sm:text-right">Finish</span>
              <Input
                aria-label="Finish"
                type="date"
                value={p.finish ?? ""}
                onChange={(e) =>
                  onChange({
                    finish: e.target.value || undefined,
                    deadline: p.type === "Action Item" ? e.target.value || undefined : p.deadline,
                  })
                }
              />
            </label>
            {err("finish")}
          </div>
        </div>
      )}
      {p.kind === "note" && (
        <div className="mt-2">
          <Textarea
            aria-label="Note"
            rows={2}
            value={p.content}
            onChange={(e) => onChange({ content: e.target.value })}
            className="min-h-16"
          />
          {err("content")}
        </div>
      )}
      {p.kind === "update" && (
        <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
          {Object.entries(p.changes).map(([k, v]) => (
            <li key={k}>
              {k}: <span className="font-medium">{String(v ?? "—")}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

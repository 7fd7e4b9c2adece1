import { CircleAlert, TriangleAlert } from "lucide-react";
import { FormError } from "@/components/ui/field";
import { cn } from "@/lib/cn";

/** How many problems a list shows before "… and N more". */
const SHOWN_ISSUES = 50;

/** An import's errors (open) or warnings (collapsed), the first 50 of `total`. */
export function IssueList({
  tone,
  title,
  issues,
  total,
}: {
  tone: "error" | "warning";
  title: string;
  /** The first problems of the file, each in words… */
  issues: React.ReactNode[];
  /** …of this many in all. */
  total: number;
}) {
  const Icon = tone === "error" ? CircleAlert : TriangleAlert;
  const shown = Math.min(SHOWN_ISSUES, issues.length);
  return (
    <details
      open={tone === "error"}
      className={cn(
        "rounded-lg border p-3 text-sm",
        tone === "error" ? "border-red-200 bg-red-50" : "border-amber-200",
      )}
      data-testid={tone === "error" ? "import-errors" : "import-warnings"}
    >
      <summary
        className={cn("cursor-pointer font-semibold", tone === "error" ? "text-red-800" : "text-amber-900")}
      >
        <Icon className="mr-1.5 inline size-4 align-[-3px]" aria-hidden="true" />
        {title} ({total})
      </summary>
      <ul className="mt-2 flex max-h-48 flex-col gap-1 overflow-y-auto break-words text-slate-800">
        {issues.slice(0, shown).map((i, k) => (
          <li key={k}>{i}</li>
        ))}
        {total > shown && <li className="text-slate-600">… and {total - shown} more</li>}
      </ul>
    </details>
  );
}

/** A failed import's message above the form, with the first 50 of its problems listed under it. */
export function ImportError({ error, problems }: { error: React.ReactNode; problems: string[] }) {
  return (
    <FormError>
      {error && (
        <>
          {error}
          {problems.length > 0 && (
            <ul className="mt-1 max-h-48 list-disc overflow-y-auto pl-5 font-normal">
              {problems.slice(0, SHOWN_ISSUES).map((p, i) => (
                <li key={i}>{p}</li>
              ))}
              {problems.length > SHOWN_ISSUES && <li>… and {problems.length - SHOWN_ISSUES} more</li>}
            </ul>
          )}
        </>
      )}
    </FormError>
  );
}

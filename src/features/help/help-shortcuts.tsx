/** The keyboard shortcuts and the help page's table of them. */
import { HELP_TABLE_HEAD, kbd } from "./help-sections";
import { TableHead } from "@/components/ui/table-head";
import { HelpSection } from "./help-section";

export const SHORTCUTS: { keys: string[]; action: string; where: string }[] = [
  {
    keys: ["⌘ K", "Ctrl K"],
    action: "Open the command palette: search, jump to a page or project, #12, New item, theme, Ask AI",
    where: "Everywhere",
  },
  { keys: ["/"], action: "Open the command palette", where: "Everywhere" },
  { keys: ["?"], action: "Open this Help page", where: "Everywhere" },
  { keys: ["Enter"], action: "Open the selected item in the editor", where: "All items table" },
  {
    keys: ["⌘ Enter", "Ctrl Enter"],
    action: "Save the item (in the note box: add the note you are typing)",
    where: "Item editor, New item",
  },
  { keys: ["Shift D"], action: "Switch between the light and dark themes", where: "Everywhere" },
  { keys: ["Esc"], action: "Close a dialog, drawer or the tour", where: "Everywhere" },
];

/** The "Keyboard shortcuts" section of the help page. */
export function ShortcutsSection() {
  return (
    <HelpSection id="shortcuts" title="Keyboard shortcuts">
      <table className="mt-3 w-full text-left text-sm">
        <caption className="sr-only">Keyboard shortcuts</caption>
        <TableHead
          {...HELP_TABLE_HEAD}
          columns={[
            { label: "Keys", className: "pr-3" },
            { label: "Action", className: "pr-3" },
            { label: "Where", className: "max-sm:sr-only" },
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td className="py-2 pr-3 align-top whitespace-nowrap">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && <span className="px-1 text-slate-500">or</span>}
                    <kbd className={kbd}>{k}</kbd>
                  </span>
                ))}
              </td>
              <td className="py-2 pr-3 text-slate-700">
                {s.action}
                <span className="block text-xs text-slate-500 sm:hidden">{s.where}</span>
              </td>
              <td className="py-2 text-slate-600 max-sm:hidden">{s.where}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </HelpSection>
  );
}

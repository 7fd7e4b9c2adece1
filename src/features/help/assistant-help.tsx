/** Help: the AI assistant, drafting from notes and the weekly status report (SPEC §10, §14). */
const kbd = "rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800";

export const ASSISTANT_HELP = {
  id: "assistant",
  title: "The AI assistant",
  text: "ai assistant ask chat palette command cmd ctrl k question draft notes meeting paste proposals status report weekly what changed since model provider anthropic openai ollama vllm api key budget settings",
  body: (
    <>
      <p>
        On every project page, <strong>Ask AI</strong> opens a chat drawer; <kbd className={kbd}>⌘ K</kbd> /{" "}
        <kbd className={kbd}>Ctrl K</kbd> opens a quick palette. Ask things like &ldquo;what is late in the
        data workstream?&rdquo;. The assistant only sees projects you can see, and item numbers in its answers
        open the item.
      </p>
      <p>
        <strong>Draft from notes.</strong> Paste meeting notes or an e-mail (the clipboard button in the
        drawer, or <em>Paste meeting notes…</em> in the palette) and press <strong>Propose</strong>. You get a
        checklist of proposed new items, notes and updates; change any field, untick what you do not want and
        press <strong>Apply selected</strong>. Nothing is saved before that, and then only as if you had made
        each change yourself. Without an AI model, lines such as <code>Risk: Supplier may slip</code>,{" "}
        <code>Action: Send the plan @Jane Doe by 2025-03-20</code> or <code>#12: Supplier confirmed</code> are
        read; other lines are ignored.
      </p>
      <p>
        <strong>Weekly status report.</strong> Ask &ldquo;write this week&apos;s status&rdquo;, or choose{" "}
        <em>Export → Weekly status report (.md)</em>: figures, what changed in the last 7 days, top risks,
        what is overdue and due next week, and the budget. &ldquo;What changed since Monday?&rdquo; (or this
        week, this month, since a date) lists what was created, closed and updated, from the audit log.
      </p>
      <p>
        <strong>Which model answers.</strong> Owners and admins choose it under{" "}
        <em>Org settings → AI assistant</em>: the server&apos;s default, Anthropic, or any OpenAI-compatible
        API (OpenAI, or a local server such as Ollama or vLLM), with the organization&apos;s own API key and
        daily token budgets. The key is stored encrypted and never shown again;{" "}
        <strong>Test connection</strong> sends one tiny request. Without a model the assistant answers common
        questions in offline mode.
      </p>
    </>
  ),
};

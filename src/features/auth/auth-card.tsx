import { Brand } from "@/features/shell/brand";

/** The centred card the public account pages (sign-up, reset, verify, invitations) sit in. */
export function AuthCard({
  title,
  description,
  children,
  below,
}: {
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  below?: React.ReactNode;
}) {
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center px-4 py-10">
      <div className="w-full max-w-md">
        <Brand className="mx-auto mb-8 flex w-fit" />
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {description && <div className="mt-1 text-sm text-slate-600">{description}</div>}
          {children}
        </div>
        {below && <div className="mt-6 text-center text-sm text-slate-600">{below}</div>}
      </div>
    </main>
  );
}

export const linkClasses =
  "font-semibold text-blue-700 underline-offset-2 hover:underline focus-visible:rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

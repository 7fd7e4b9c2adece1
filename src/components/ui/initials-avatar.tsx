import { cn } from "@/lib/cn";
import { initials } from "@/lib/format";

/** A person's initials in a blue circle (decorative: the name is written beside it). Size it with `className`. */
export function InitialsAvatar({
  name,
  email,
  className,
}: {
  name: string | null;
  email: string;
  className: string;
}) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "flex items-center justify-center rounded-full bg-blue-800 font-semibold text-white",
        className,
      )}
    >
      {initials(name, email)}
    </span>
  );
}

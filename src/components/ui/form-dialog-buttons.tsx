import { Button } from "./button";

/** A form dialog's footer: Cancel, and the submit button of the form with id `form` (outside the form). */
export function FormDialogButtons({
  form,
  onCancel,
  loading,
  disabled,
  children,
}: {
  form: string;
  onCancel: () => void;
  loading: boolean;
  disabled?: boolean;
  /** The submit button's content. */
  children: React.ReactNode;
}) {
  return (
    <>
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" form={form} loading={loading} disabled={disabled}>
        {children}
      </Button>
    </>
  );
}

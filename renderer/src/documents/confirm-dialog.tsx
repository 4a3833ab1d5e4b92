import { useEffect, useId, useRef } from 'react';

import { useCatalogue } from '../i18n/language.js';
import { messages } from './messages.js';

export interface ModalProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly className?: string;
  readonly children: React.ReactNode;
}

/**
 * A modal `<dialog>`: opened at once, Escape closes it, and the focus goes back where it was (the button
 * that opened it) when it closes.
 */
export function Modal({ title, onClose, className, children }: ModalProps): React.JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    return () => {
      element?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      className={className}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

export interface ConfirmDialogProps {
  readonly title: string;
  readonly text: string;
  readonly confirm: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** Asks before an action that cannot be undone in one click; Cancel has the focus, so Enter does no harm. */
export function ConfirmDialog({ title, text, confirm, onConfirm, onCancel }: ConfirmDialogProps): React.JSX.Element {
  const t = useCatalogue(messages).confirm;
  return (
    <Modal title={title} onClose={onCancel}>
      <p>{text}</p>
      <div className="actions">
        <button type="button" className="danger" onClick={onConfirm}>
          {confirm}
        </button>
        <button type="button" autoFocus onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </Modal>
  );
}

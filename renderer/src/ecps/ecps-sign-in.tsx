import { useEffect, useRef, useState } from 'react';
import {
  Button,
  Dialog,
  FieldError,
  Heading,
  Input,
  Label,
  Modal,
  ModalOverlay,
  Radio,
  RadioGroup,
  Text,
  TextField,
} from 'react-aria-components';

import { format } from '../../../api/i18n/index.js';
import { ApiError, call } from '../api-client.js';
import { remainingText } from '../emergency/remaining-time.js';
import { useCatalogue, useLanguage } from '../i18n/language.js';
import { activityChoices, type ActivityChoice } from './activity-choices.js';
import { messages } from './messages.js';
import type { EcpsState } from './use-ecps-session.js';
import './ecps.css';

/** A national id (`8` + RPPS) or an RPPS, as `ecps.start` takes it. */
const LOGIN_HINT = /^(8\d{11}|\d{11})$/;

interface Pending {
  readonly requestId: string;
  readonly bindingMessage: string;
  readonly expiresAt: number;
}

/** The time now, every second while `running`: the countdown's clock. */
function useSecondClock(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

/**
 * Signing in with e-CPS (Pro Santé Connect): the national id or RPPS, the work situation when she has several,
 * then the binding message to compare with the phone's and a countdown until the request expires, with Cancel.
 * A refusal, a timeout or a cancellation is said beside the form, in the window's language.
 */
export function EcpsSignIn({ ecps }: { readonly ecps: EcpsState }): React.JSX.Element {
  const t = useCatalogue(messages);
  const { language } = useLanguage();
  const [open, setOpen] = useState(false);
  const [nationalId, setNationalId] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [choices, setChoices] = useState<ActivityChoice[]>([]);
  const [activity, setActivity] = useState<number>();
  const [starting, setStarting] = useState(false);
  const [pending, setPending] = useState<Pending>();
  const [problem, setProblem] = useState<string>();
  const now = useSecondClock(pending !== undefined);
  // A dialog closed while a call runs must not act on its answer.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const refused = (failure: unknown): void => {
    if (!mounted.current) return;
    if (failure instanceof ApiError) {
      const offered = activityChoices(failure.body);
      if (offered.length > 0) {
        setChoices(offered);
        setActivity(undefined);
        setProblem(undefined);
        return;
      }
      setProblem(failure.body.message[language]);
    } else setProblem(t.network);
  };

  const signIn = async (): Promise<void> => {
    setStarting(true);
    setProblem(undefined);
    let started: Pending;
    try {
      const answer = await call('ecps.start', {
        nationalId: nationalId.trim(),
        ...(activity !== undefined ? { activity } : {}),
      });
      started = { ...answer, expiresAt: new Date(answer.expiresAt).getTime() };
    } catch (failure) {
      refused(failure);
      return;
    } finally {
      setStarting(false);
    }
    setPending(started);
    try {
      const session = await call('ecps.wait', { requestId: started.requestId });
      if (!mounted.current) return;
      ecps.signedIn(session);
      setOpen(false);
      setChoices([]);
      setActivity(undefined);
    } catch (failure) {
      refused(failure);
    } finally {
      if (mounted.current) setPending(undefined);
    }
  };

  const cancel = (): void => {
    if (pending) call('ecps.cancel', { requestId: pending.requestId }).catch(refused);
  };

  return (
    <section className="panel ecps-entry" aria-labelledby="ecps-entry-title">
      <h2 id="ecps-entry-title" className="visually-hidden">
        {t.title}
      </h2>
      <Button className="primary" onPress={() => setOpen(true)}>
        {t.open}
      </Button>
      <p className="hint">{t.openHint}</p>
      <ModalOverlay
        className="ecps-overlay"
        isOpen={open}
        onOpenChange={setOpen}
        isDismissable={!pending && !starting}
        isKeyboardDismissDisabled={pending !== undefined || starting}
      >
        <Modal className="ecps-modal">
          <Dialog className="ecps-dialog" data-phase={pending ? 'waiting' : 'form'}>
            {pending ? (
              <>
                <Heading slot="title">{t.waitingTitle}</Heading>
                <p>{t.waitingHint}</p>
                <p className="ecps-binding">
                  <span>{t.bindingLabel}</span>
                  <strong data-binding-message={pending.bindingMessage}>{pending.bindingMessage}</strong>
                </p>
                <p className="ecps-countdown" role="timer" aria-live="off">
                  {format(t.remaining, { time: remainingText(pending.expiresAt - now) })}
                </p>
                <Button className="ecps-cancel" onPress={cancel}>
                  {t.cancel}
                </Button>
              </>
            ) : (
              <>
                <Heading slot="title">{t.title}</Heading>
                <form
                  noValidate
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (LOGIN_HINT.test(nationalId.trim())) void signIn();
                    else setInvalid(true);
                  }}
                >
                  <TextField
                    value={nationalId}
                    onChange={(value) => {
                      setNationalId(value);
                      setInvalid(false);
                      setChoices([]);
                      setActivity(undefined);
                    }}
                    isInvalid={invalid}
                    validationBehavior="aria"
                    isRequired
                    autoFocus
                  >
                    <Label>{t.idLabel}</Label>
                    <Input inputMode="numeric" autoComplete="off" />
                    <Text slot="description" className="hint">
                      {t.idHint}
                    </Text>
                    <FieldError className="warning">{t.idInvalid}</FieldError>
                  </TextField>
                  {choices.length > 0 && (
                    <RadioGroup
                      className="ecps-activities"
                      value={activity === undefined ? null : String(activity)}
                      onChange={(value) => setActivity(Number(value))}
                      isRequired
                    >
                      <Label>{t.activityLegend}</Label>
                      <Text slot="description" className="hint">
                        {t.activityHint}
                      </Text>
                      {choices.map((choice) => (
                        <Radio key={choice.activity} value={String(choice.activity)}>
                          <span>
                            {choice.structureName}{' '}
                            <span className="hint ecps-structure-id">({choice.structureId})</span>
                          </span>
                        </Radio>
                      ))}
                    </RadioGroup>
                  )}
                  {problem && (
                    <p className="warning ecps-problem" role="alert">
                      {problem}
                    </p>
                  )}
                  <div className="ecps-actions">
                    <Button
                      type="submit"
                      className="primary"
                      isDisabled={starting || (choices.length > 0 && activity === undefined)}
                    >
                      {starting ? t.starting : t.submit}
                    </Button>
                    <Button slot="close" isDisabled={starting}>
                      {t.close}
                    </Button>
                  </div>
                </form>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </section>
  );
}

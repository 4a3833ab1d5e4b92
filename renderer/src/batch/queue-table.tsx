import type { BatchItem } from '../../../api/contract/index.js';
import { useCatalogue, useLanguage } from '../i18n/language.js';
import { messages } from './messages.js';

function ItemRow({ item }: { readonly item: BatchItem }): React.JSX.Element {
  const t = useCatalogue(messages);
  const { language } = useLanguage();
  return (
    <tr className={`batch-state-${item.state}`}>
      <td>{item.file}</td>
      <td>{item.line ?? ''}</td>
      <td>{item.patientName || item.patient}</td>
      <td>
        {item.typeLabel || item.typeCode}
        {item.typeLabel && <span className="type-code"> {item.typeCode}</span>}
      </td>
      <td>{t.states[item.state]}</td>
      <td>{item.attempts}</td>
      <td>{item.reference ?? item.error?.[language] ?? ''}</td>
    </tr>
  );
}

/** The page of the queue shown: each document, its state, its attempts, and its reference or error. */
export function QueueTable({ items }: { readonly items: readonly BatchItem[] }): React.JSX.Element {
  const t = useCatalogue(messages);
  if (items.length === 0) return <p>{t.empty}</p>;
  return (
    <div className="batch-table-wrap">
      <table className="batch-table" aria-label={t.queueTitle}>
        <thead>
          <tr>
            <th scope="col">{t.file}</th>
            <th scope="col">{t.line}</th>
            <th scope="col">{t.patient}</th>
            <th scope="col">{t.type}</th>
            <th scope="col">{t.state}</th>
            <th scope="col">{t.attempts}</th>
            <th scope="col">{t.result}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <ItemRow key={item.id} item={item} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

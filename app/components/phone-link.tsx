/** A tel: link dials the digits; the text keeps the spacing the school typed. */
export function PhoneLink({ phone }: { phone: string }) {
  return <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>
}

/** Whom to call: the name (or `fallback` when there is none), then the number to dial, if any. */
export function Contact({ name, phone, fallback }: { name: string | null; phone: string; fallback: string }) {
  return (
    <>
      {name ?? fallback}
      {phone ? (
        <>
          {' '}
          <PhoneLink phone={phone} />
        </>
      ) : null}
    </>
  )
}

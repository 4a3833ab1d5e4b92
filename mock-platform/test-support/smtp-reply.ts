/** The SMTP reply a refused sending carried (nodemailer's `response`), or '' when it did not fail with one. */
export async function smtpReply(sending: Promise<unknown>): Promise<string> {
  try {
    await sending;
    return '';
  } catch (error) {
    const response = (error as { response?: unknown }).response;
    return typeof response === 'string' ? response : '';
  }
}

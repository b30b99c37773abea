/** The English approval card text (our translation of the guideline's wording); strings.ts checks it against `ApprovalStrings`. */
export const en = {
  privatePc: {
    title: '💻 Private PC request',
    intro:
      'As a rule, work only on the PC lent by the company. If you need to use your private PC for work (the company PC is broken, an emergency), apply to your manager and wait for permission.',
    browserOnly:
      'On a private PC, work only through remote desktop or in a web browser with a secure internet logon; installing apps and the VPN (virtual network) are not allowed.',
    rule: 'Security guideline G 1.3, 3',
    declarationsHeading: 'Declarations (all are required)',
    declNonPublicLine: 'I declare that I own and use an internet line that is not public or free.',
    declUpdates: 'I declare that security software and OS updates are always enabled.',
    declBrowserOnly: 'I will use only remote desktop or a web browser: no apps, no VPN, no data stored on the PC.',
    reasonLabel: 'Reason (e.g. company PC broken, emergency, maintenance work)',
    reasonPlaceholder: 'Please give a reason',
    submit: 'Send to my manager',
  },
  paper: {
    title: '📄 Taking paper documents out',
    intro:
      'Taking paper documents out for telework is prohibited in principle. It is allowed only with the prior permission of the customer and your manager; copying the documents or letting third parties see them is prohibited.',
    localRule: 'If your department has its own take-out procedure, follow it.',
    rule: 'Security guideline G 1.6',
    documentsLabel: 'Documents (names, number of copies)',
    customerLabel: 'Customer, and who gave consent',
    untilLabel: 'Taken out until (inclusive)',
    reasonLabel: 'Reason (optional)',
    consentHeading: 'Confirmations (all are required)',
    customerConsent: 'The customer has allowed the documents to be taken out.',
    noCopies: 'I will not copy the documents or let third parties see them.',
    submit: 'Send to my manager',
  },
  approvalDecision: {
    commentLabel: 'Comment (please give a reason when rejecting)',
    approve: 'Approve',
    reject: 'Reject',
    declarations: 'Declared by the requester',
    comments: 'Comments',
  },
};

// Questions and messages to the user.

export function ask(message) { return Promise.resolve(window.confirm(message)); }
export function tell(message) { window.alert(message); }
export function askText(message) { return Promise.resolve(window.prompt(message)); }

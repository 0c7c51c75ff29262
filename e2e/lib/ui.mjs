// Finding things the way a user (or a screen reader) names them: buttons by their text or
// aria-label, fields by their <label>. Every wait has a message, so a failure says what was missing.

import { By, Key, error as webdriverErrors, until } from 'selenium-webdriver';

const TIMEOUT = 10_000;

const literal = (text) => (text.includes("'") ? `concat('${text.split("'").join(`', "'", '`)}')` : `'${text}'`);

/**
 * The button whose accessible name is `name`: its aria-label, else its text without the parts
 * hidden from assistive technology (`aria-hidden`), as a screen reader would announce it.
 */
export async function button(driver, name, scope = '') {
  return driver.wait(() => findButton(driver, name, scope), TIMEOUT, `no button "${name}"${scope ? ` in ${scope}` : ''}`);
}

export async function hasButton(driver, name, scope = '') {
  return (await findButton(driver, name, scope)) !== null;
}

function findButton(driver, name, scope) {
  return driver.executeScript(
      `const [name, scope] = arguments;
       const root = scope
         ? document.evaluate(scope, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue
         : document;
       if (!root) return null;
       const visibleText = (node) => {
         if (node.nodeType === Node.TEXT_NODE) return node.textContent;
         if (node.nodeType !== Node.ELEMENT_NODE || node.getAttribute('aria-hidden') === 'true') return '';
         return [...node.childNodes].map(visibleText).join('');
       };
       const accessibleName = (el) => (el.getAttribute('aria-label') ?? visibleText(el)).replace(/\\s+/g, ' ').trim();
       return [...root.querySelectorAll('button')].find((el) => accessibleName(el) === name) ?? null;`,
      name,
      scope,
    );
}

/**
 * Clicks the button named `name` once it is enabled. React may replace the element between
 * finding and clicking it (WebKitWebDriver then reports it stale), so a stale one is found again.
 */
export async function click(driver, name, scope = '') {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const element = await button(driver, name, scope);
      await driver.wait(until.elementIsEnabled(element), TIMEOUT, `button "${name}" stays disabled`);
      await element.click();
      return;
    } catch (error) {
      if (!(error instanceof webdriverErrors.StaleElementReferenceError) || attempt === 3) throw error;
    }
  }
}

/** The control labelled `label` (via <label for>) inside `scope`. */
export async function field(driver, label, scope = '') {
  const labelElement = await driver.wait(
    until.elementLocated(By.xpath(`${scope}//label[normalize-space(.)=${literal(label)}]`)),
    TIMEOUT,
    `no field labelled "${label}"`,
  );
  const id = await labelElement.getAttribute('for');
  return driver.findElement(By.id(id));
}

export async function fill(driver, label, text, scope = '') {
  const input = await field(driver, label, scope);
  await clear(input);
  if (text) await input.sendKeys(text);
  return input;
}

/** Empties a React-controlled input the way a user does (select all, delete). */
export async function clear(input) {
  await input.sendKeys(Key.chord(Key.CONTROL, 'a'), Key.DELETE);
}

export const DIALOG = "//*[@role='dialog' or @role='alertdialog']";
export const TASK_LIST = "//*[@aria-label='Tasks']";
export const EDIT_PANEL = "//aside[@aria-label='Edit task']";

/** Waits until nothing matches `xpath`; checked inside the page, so no element handle goes stale. */
export async function waitGone(driver, xpath, what) {
  const gone = () =>
    driver.executeScript(
      'return document.evaluate(arguments[0], document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue === null;',
      xpath,
    );
  await driver.wait(gone, TIMEOUT, `${what} is still there`);
}

/** Titles of the task rows on screen, in order. */
export async function visibleTaskTitles(driver) {
  return driver.executeScript(`
    const list = document.querySelector('[aria-label="Tasks"]');
    if (!list) return [];
    return [...list.querySelectorAll('li .task-row__title')].map((title) => title.textContent.trim());
  `);
}

export async function waitForTitles(driver, expected, message) {
  let seen = [];
  await driver
    .wait(async () => {
      seen = await visibleTaskTitles(driver);
      return JSON.stringify([...seen].sort()) === JSON.stringify([...expected].sort());
    }, TIMEOUT)
    .catch(() => {
      throw new Error(`${message}: expected ${JSON.stringify(expected)}, saw ${JSON.stringify(seen)}`);
    });
}

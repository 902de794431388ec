'use strict';
// phpMyAdmin's everyday job against a MySQL server, in headless Chromium. The database
// GUI_DB must hold a table `items` (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR,
// price DECIMAL) with a row whose name is 'pen'. Environment: GUI_URL (index.php's address;
// phpMyAdmin's configuration names the server), GUI_USER, GUI_PASSWORD, GUI_DB, GUI_SHOTS.
const fs = require('fs');
const {runSteps, expectText} = require('./steps');

const env = process.env;
const db = encodeURIComponent(env.GUI_DB);
const route = (path, query = '') => `${env.GUI_URL}?route=${path}&db=${db}${query}`;

// The value of the input in the row of column `column` of phpMyAdmin's insert/edit form.
const columnInput = (page, column) =>
  page.locator(`tr:has(td:text-is("${column}")) input.textfield, ` +
               `tr:has(td:text-is("${column}")) textarea`).first();

async function waitForIdle(page) {
  await page.waitForLoadState('networkidle');
}

// Clicks `selector`, a button whose form phpMyAdmin's scripts submit, and waits until the
// POST has left. On a loaded machine the page's scripts may not have bound the button yet when
// it is first clicked: a click that sends nothing within 15 s is made again (never one that
// did send, so nothing is submitted twice).
async function clickToPost(page, selector) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const posted = page.waitForRequest((request) => request.method() === 'POST',
                                       {timeout: 15000}).catch(() => null);
    await page.click(selector);
    if (await posted) return;
  }
  throw new Error(`clicking ${selector} sent no request`);
}

// Browses table `items` and waits for a cell holding `text`.
async function expectRow(page, text) {
  await page.goto(route('/sql', '&table=items&pos=0'));
  await waitForIdle(page);
  await page.locator('table.table_results td', {hasText: text}).first().waitFor();
}

runSteps('phpmyadmin', '.alert-danger:visible, #pma_errors .alert:visible', [
  ['login', async (page) => {
    await page.goto(env.GUI_URL);
    await page.fill('#input_username', env.GUI_USER);
    await page.fill('#input_password', env.GUI_PASSWORD);
    await page.click('#input_go');
    await waitForIdle(page);
    await page.locator('#pma_navigation_tree a', {hasText: env.GUI_DB}).first().waitFor();
  }],
  ['open-database', async (page) => {
    await page.goto(route('/database/structure'));
    await waitForIdle(page);
    await page.locator('#page_content a', {hasText: /^items$/}).first().waitFor();
  }],
  ['browse-table', async (page) => {
    await expectRow(page, 'pen');
  }],
  ['table-structure', async (page) => {
    await page.goto(route('/table/structure', '&table=items'));
    await waitForIdle(page);
    await expectText(page, 'decimal(8,2)', 'PRIMARY');
  }],
  ['create-table', async (page) => {
    await page.goto(route('/database/structure'));
    await waitForIdle(page);
    await page.fill('#createTableNameInput', 'notes');
    await page.fill('#createTableNumFieldsInput', '2');
    await page.click('#createTableMinimalForm input[type=submit]');
    await page.locator('input[name="field_name[0]"]').waitFor();
    await page.fill('input[name="field_name[0]"]', 'id');
    await page.locator('select[name="field_type[0]"]').selectOption('INT');
    await page.locator('select[name="field_key[0]"]').selectOption('primary_0');
    // Choosing PRIMARY opens a dialog asking for the index's details: accept it.
    const go = page.locator('.ui-dialog:visible button:text-is("Go")').first();
    await go.waitFor();
    await go.click();
    await go.waitFor({state: 'hidden'});
    await page.check('input[name="field_extra[0]"]');
    await page.fill('input[name="field_name[1]"]', 'body');
    await page.locator('select[name="field_type[1]"]').selectOption('VARCHAR');
    await page.fill('input[name="field_length[1]"]', '100');
    await page.click('input[name="do_save_data"]');
    await waitForIdle(page);
    await expectText(page, 'notes');
    await page.goto(route('/table/structure', '&table=notes'));
    await waitForIdle(page);
    await expectText(page, 'varchar(100)', 'AUTO_INCREMENT');
  }],
  ['insert-row', async (page) => {
    await page.goto(route('/table/change', '&table=items'));
    await waitForIdle(page);
    await columnInput(page, 'name').fill('lamp');
    await columnInput(page, 'price').fill('12.75');
    await page.click('#buttonYes');
    await waitForIdle(page);
    await expectText(page, '1 row inserted');
    await expectRow(page, 'lamp');
  }],
  ['edit-row', async (page) => {
    // The edit link carries a signed WHERE clause: follow it from the browse page.
    await page.goto(route('/sql', '&table=items&pos=0'));
    await waitForIdle(page);
    await page.locator('table.table_results tr', {hasText: 'pen'})
        .locator('a', {hasText: 'Edit'}).first().click();
    await waitForIdle(page);
    await columnInput(page, 'name').waitFor();
    const before = await columnInput(page, 'name').inputValue();
    if (before !== 'pen') throw new Error(`row 1 shows name ${before}`);
    await columnInput(page, 'name').fill('fountain pen');
    await clickToPost(page, '#buttonYes');
    await waitForIdle(page);
    await expectText(page, '1 row affected');
    await expectRow(page, 'fountain pen');
  }],
  ['run-query', async (page) => {
    await page.goto(route('/database/sql'));
    await waitForIdle(page);
    const sql = 'SELECT name, price * 2 AS doubled FROM items ORDER BY id';
    // The query box is a CodeMirror editor over the textarea: type into it.
    await page.locator('#sqlqueryform .CodeMirror').first().click();
    await page.keyboard.type(sql);
    await page.click('#button_submit_query');
    await waitForIdle(page);
    await page.locator('table.table_results td', {hasText: '25.50'}).first().waitFor();
  }],
  ['export', async (page) => {
    await page.goto(route('/database/export'));
    await waitForIdle(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#buttonGo'),
    ]);
    const text = fs.readFileSync(await download.path(), 'utf8');
    for (const wanted of ['CREATE TABLE `items`', 'INSERT INTO `items`', 'fountain pen', 'CREATE TABLE `notes`']) {
      if (!text.includes(wanted)) throw new Error(`the export lacks ${wanted}`);
    }
  }],
  ['server-pages', async (page) => {
    for (const [path, wanted] of [['/server/status', 'has been running for'],
                                  ['/server/variables', 'max allowed packet'],
                                  ['/server/privileges', env.GUI_USER],
                                  ['/server/databases', env.GUI_DB]]) {
      await page.goto(`${env.GUI_URL}?route=${path}`);
      await waitForIdle(page);
      await expectText(page, wanted);
    }
  }],
]);

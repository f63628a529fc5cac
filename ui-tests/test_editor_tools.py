"""The image editor's tools in a real browser: polygon, polyline, point, rotated box and brush;
select, move, resize, delete, undo and redo; re-class; class shortcuts, the `?` overlay, Escape and
H; zoom; conditional nested questions and every classification type. Projects and tasks are set up
through the public SDK, the work is done through the UI, and what the UI stored is read back
through the SDK after Save (api spec §7), so a UI that does nothing fails."""
import re
import zlib

import pytest
import requests
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import ADMIN_KEY, BASE_URL, clickable, visible, wait
from test_editor import add_images, get_task, make_project, open_editor

# The images add_images makes are 320 x 200.
WIDTH, HEIGHT = 320, 200
CANVAS = "[data-testid=canvas]"
ROWS = "[data-testid=object-row]"


def tool(tool_kind, title, schema_id, **extra):
    return {"tool": tool_kind, "title": title, "schemaId": schema_id, "classifications": [], **extra}


def schema_of(tools=(), classifications=()):
    return {"tools": list(tools), "classifications": list(classifications), "relations": []}


def start(browser, sdk, schema, name):
    """A project with one image, opened through the labeling queue; returns (project id, task id)."""
    pid = make_project(sdk, schema)
    add_images(sdk, pid, [name])
    task_id = open_editor(browser, pid, "start-labeling")
    # The image is shown (its size known to the stage) before anything is drawn on it.
    wait(browser).until(lambda b: b.execute_script(
        "const i = document.querySelector('[data-testid=canvas] image'); return i && i.getAttribute('width') && i.getAttribute('href')"))
    return pid, task_id


IMAGE_TO_CANVAS = """
const [x, y] = arguments;
const svg = document.querySelector('[data-testid=canvas]');
const img = svg.querySelector('image');
const r = img.getBoundingClientRect(), c = svg.getBoundingClientRect();
const w = Number(img.getAttribute('width')), h = Number(img.getAttribute('height'));
return [r.left + x * r.width / w - (c.left + c.width / 2), r.top + y * r.height / h - (c.top + c.height / 2)];
"""

ELEMENT_TO_CANVAS = """
const el = arguments[0];
const svg = document.querySelector('[data-testid=canvas]');
const r = el.getBoundingClientRect(), c = svg.getBoundingClientRect();
return [r.left + r.width / 2 - (c.left + c.width / 2), r.top + r.height / 2 - (c.top + c.height / 2)];
"""


def at(browser, x, y):
    """The offset from the canvas's center (selenium's origin) of image pixel (x, y) as shown now."""
    dx, dy = browser.execute_script(IMAGE_TO_CANVAS, x, y)
    return round(dx), round(dy)


def canvas(browser):
    return browser.find_element(By.CSS_SELECTOR, CANVAS)


def click_at(browser, x, y):
    ActionChains(browser).move_to_element_with_offset(canvas(browser), *at(browser, x, y)).click().perform()


def drag_image(browser, start_xy, end_xy):
    """Presses at image pixel `start_xy`, moves in two steps and releases at `end_xy`."""
    el = canvas(browser)
    (x1, y1), (x2, y2) = at(browser, *start_xy), at(browser, *end_xy)
    ActionChains(browser).move_to_element_with_offset(el, x1, y1).click_and_hold() \
        .move_to_element_with_offset(el, (x1 + x2) // 2, (y1 + y2) // 2) \
        .move_to_element_with_offset(el, x2, y2).release().perform()


def drag_element_to(browser, element, end_xy):
    """Presses on `element` (a handle) and releases at image pixel `end_xy`."""
    el = canvas(browser)
    x1, y1 = (round(v) for v in browser.execute_script(ELEMENT_TO_CANVAS, element))
    x2, y2 = at(browser, *end_xy)
    ActionChains(browser).move_to_element_with_offset(el, x1, y1).click_and_hold() \
        .move_to_element_with_offset(el, (x1 + x2) // 2, (y1 + y2) // 2) \
        .move_to_element_with_offset(el, x2, y2).release().perform()


def pick_tool(browser, schema_id):
    clickable(browser, f"[data-testid=tool-{schema_id}]").click()
    wait(browser).until(lambda b: b.find_element(By.CSS_SELECTOR, f"[data-testid=tool-{schema_id}]").get_attribute("aria-pressed") == "true")


def rows(browser):
    return browser.find_elements(By.CSS_SELECTOR, ROWS)


def wait_rows(browser, count):
    wait(browser).until(lambda b: len(rows(b)) == count, f"expected {count} object rows")


def press(browser, *keys):
    ActionChains(browser).send_keys(*keys).perform()


def ctrl(browser, key, shift=False):
    chain = ActionChains(browser).key_down(Keys.CONTROL)
    if shift:
        chain = chain.key_down(Keys.SHIFT)
    chain = chain.send_keys(key)
    if shift:
        chain = chain.key_up(Keys.SHIFT)
    chain.key_up(Keys.CONTROL).perform()


def save(browser, sdk, task_id):
    """Clicks Save, waits until the editor is done with it and has nothing unsaved; returns the stored task."""
    browser.find_element(By.CSS_SELECTOR, "[data-testid=save]").click()
    wait(browser).until(lambda b: b.execute_script(
        "const e = window.glossEditor.editor; return !e.busy && !e.state.dirty && !e.state.brushDirty"),
        "Save did not finish")
    errors = browser.find_element(By.CSS_SELECTOR, "[data-testid=editor-error]")
    assert not errors.is_displayed(), errors.text
    return get_task(sdk, task_id)


def png_rgba(data):
    """Decodes a non-interlaced 8-bit RGBA PNG (what canvas.toBlob writes): (width, height, rows of bytes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind, payload = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = payload
        elif kind == b"IDAT":
            idat += payload
        pos += 12 + length
    width, height = int.from_bytes(header[0:4], "big"), int.from_bytes(header[4:8], "big")
    assert header[8:13] == bytes([8, 6, 0, 0, 0]), "expected 8-bit RGBA, not interlaced"
    raw, stride, rows, prev = zlib.decompress(idat), width * 4, [], bytearray(width * 4)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 4] if i >= 4 else 0
            b, c = prev[i], prev[i - 4] if i >= 4 else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p_ = a + b - c
                pa, pb, pc = abs(p_ - a), abs(p_ - b), abs(p_ - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def pixel(rows, x, y):
    return tuple(rows[y][x * 4:x * 4 + 4])


def near(actual, expected, tolerance=2.0):
    return abs(actual - expected) <= tolerance


def assert_points(points, expected, tolerance=2.0):
    assert len(points) == len(expected), points
    for (x, y), (ex, ey) in zip(points, expected):
        assert near(x, ex, tolerance) and near(y, ey, tolerance), (points, expected)
        assert 0 <= x <= WIDTH and 0 <= y <= HEIGHT, points


def only_object(task, kind):
    (obj,) = task["answer"]["tools"]
    assert kind in obj, obj
    return obj


IMAGE_TOOLS = schema_of([
    tool("polygon", "Area", "area", color="#43a047"),
    tool("polyline", "Lane", "lane", color="#fb8c00"),
    tool("point", "Pin", "pin", color="#8e24aa"),
    tool("rotated-bounding-box", "Crate", "crate", color="#1e88e5"),
    tool("brush", "Paint", "paint", color="#e53935"),
])


# ---------------------------------------------------------------- 1. drawing tools

def test_polygon_closes_on_its_first_point(signed_in, sdk):
    browser = signed_in
    _, task_id = start(browser, sdk, IMAGE_TOOLS, "polygon.png")
    pick_tool(browser, "area")
    corners = [(40, 40), (220, 50), (130, 170)]
    for x, y in corners:
        click_at(browser, x, y)
    assert rows(browser) == []  # still drawing
    click_at(browser, *corners[0])
    wait_rows(browser, 1)
    obj = only_object(save(browser, sdk, task_id), "polygon")
    assert obj["schemaId"] == "area"
    assert_points(obj["polygon"], corners)


def test_polygon_also_closes_with_enter(signed_in, sdk):
    browser = signed_in
    _, task_id = start(browser, sdk, IMAGE_TOOLS, "polygon-enter.png")
    pick_tool(browser, "area")
    corners = [(30, 30), (120, 30), (120, 120), (30, 120)]
    for x, y in corners:
        click_at(browser, x, y)
    press(browser, Keys.ENTER)
    wait_rows(browser, 1)
    obj = only_object(save(browser, sdk, task_id), "polygon")
    assert_points(obj["polygon"], corners)
    # Enter finished the polygon; it did not submit the task.
    assert get_task(sdk, task_id)["stage"] == "Label"


def test_polyline_finishes_with_enter_or_a_double_click(signed_in, sdk):
    browser = signed_in
    _, task_id = start(browser, sdk, IMAGE_TOOLS, "polyline.png")
    pick_tool(browser, "lane")
    first = [(20, 180), (100, 120), (180, 110)]
    for x, y in first:
        click_at(browser, x, y)
    press(browser, Keys.ENTER)
    wait_rows(browser, 1)

    pick_tool(browser, "lane")
    second = [(40, 20), (120, 60), (260, 40)]
    for x, y in second[:-1]:
        click_at(browser, x, y)
    ActionChains(browser).move_to_element_with_offset(canvas(browser), *at(browser, *second[-1])).double_click().perform()
    wait_rows(browser, 2)

    task = save(browser, sdk, task_id)
    lines = task["answer"]["tools"]
    assert [o["schemaId"] for o in lines] == ["lane", "lane"]
    assert all("polyline" in o and "polygon" not in o for o in lines)
    assert_points(lines[0]["polyline"], first)
    assert_points(lines[1]["polyline"], second)
    assert task["stage"] == "Label"


def test_point(signed_in, sdk):
    browser = signed_in
    _, task_id = start(browser, sdk, IMAGE_TOOLS, "point.png")
    pick_tool(browser, "pin")
    click_at(browser, 250, 75)
    wait_rows(browser, 1)
    obj = only_object(save(browser, sdk, task_id), "point")
    assert obj["schemaId"] == "pin"
    assert_points([obj["point"]], [(250, 75)])


def test_rotated_box_drawn_then_rotated_with_its_handle(signed_in, sdk):
    browser = signed_in
    _, task_id = start(browser, sdk, IMAGE_TOOLS, "rotated.png")
    pick_tool(browser, "crate")
    drag_image(browser, (100, 60), (220, 140))
    wait_rows(browser, 1)
    # The new box is selected: its rotation handle sits above it. Dragging it to the right of the
    # center turns the box by 90 degrees about its center (160, 100).
    handle = visible(browser, f"{CANVAS} circle.handle.rotate")
    drag_element_to(browser, handle, (260, 100))
    obj = only_object(save(browser, sdk, task_id), "rotated-bounding-box")
    assert obj["schemaId"] == "crate"
    shape = obj["rotated-bounding-box"]
    assert near(shape["x"], 100) and near(shape["y"], 60), shape
    assert near(shape["width"], 120) and near(shape["height"], 80), shape
    assert near(shape["rotation"], 90, 3), shape
    # The stage draws what was stored.
    rect = browser.find_element(By.CSS_SELECTOR, f"{CANVAS} g.objects rect[data-object-id]")
    assert rect.get_attribute("transform").startswith(f"rotate({shape['rotation']} ")


def test_brush_mask_is_uploaded_as_a_png(signed_in, sdk):
    browser = signed_in
    _, task_id = start(browser, sdk, IMAGE_TOOLS, "brush.png")
    pick_tool(browser, "paint")
    drag_image(browser, (60, 100), (260, 100))
    # Brush traces are no objects: the mask is shown in the stage instead.
    wait(browser).until(lambda b: (b.find_element(By.CSS_SELECTOR, f"{CANVAS} image.brush-mask").get_attribute("href") or "").startswith("data:image/png"))
    assert rows(browser) == []
    task = save(browser, sdk, task_id)
    mask_url = task.get("brushDataUrl")
    assert mask_url, task
    assert task["answer"]["tools"] == []
    resp = requests.get(f"{BASE_URL}/v2/getSignedUrl", params={"url": mask_url}, headers={"apikey": ADMIN_KEY}, timeout=30)
    assert resp.ok, resp.text
    png = requests.get(resp.json()["data"]["signedUrl"], timeout=30)
    assert png.ok, png.text
    data = png.content
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    # The mask has the image's size: the stroke opaque in the class's color, the rest transparent.
    width, height, mask = png_rgba(data)
    assert (width, height) == (WIDTH, HEIGHT)
    for x in (70, 160, 250):
        assert pixel(mask, x, 100) == (0xE5, 0x39, 0x35, 255), (x, pixel(mask, x, 100))
    assert pixel(mask, 160, 20)[3] == 0 and pixel(mask, 20, 180)[3] == 0


# ---------------------------------------------------------------- 2. select, move, resize, delete, undo

BOXES = schema_of([tool("bounding-box", "Car", "car", color="#e53935", shortcutKey="1")])


def test_select_move_resize_delete_undo_redo(signed_in, sdk):
    browser = signed_in
    _, task_id = start(browser, sdk, BOXES, "move.png")
    pick_tool(browser, "car")
    drag_image(browser, (40, 40), (140, 100))
    wait_rows(browser, 1)
    box = only_object(save(browser, sdk, task_id), "bounding-box")["bounding-box"]
    assert near(box["x"], 40) and near(box["y"], 40) and near(box["width"], 100) and near(box["height"], 60), box

    # Select tool: a click on the box selects it, a drag on its body moves it.
    pick_tool(browser, "select")
    click_at(browser, 60, 60)
    wait(browser).until(lambda b: "selected" in rows(b)[0].get_attribute("class"))
    drag_image(browser, (90, 70), (120, 90))
    moved = only_object(save(browser, sdk, task_id), "bounding-box")["bounding-box"]
    assert near(moved["x"], box["x"] + 30) and near(moved["y"], box["y"] + 20), (box, moved)
    assert near(moved["width"], box["width"]) and near(moved["height"], box["height"]), (box, moved)

    # The bottom-right handle resizes it; the top-left corner stays.
    handle = visible(browser, f"{CANVAS} circle.handle[data-handle=se]")
    se = (moved["x"] + moved["width"], moved["y"] + moved["height"])
    drag_element_to(browser, handle, (se[0] + 40, se[1] + 25))
    resized = only_object(save(browser, sdk, task_id), "bounding-box")["bounding-box"]
    assert near(resized["x"], moved["x"]) and near(resized["y"], moved["y"]), (moved, resized)
    assert near(resized["width"], moved["width"] + 40) and near(resized["height"], moved["height"] + 25), (moved, resized)
    assert resized["x"] + resized["width"] <= WIDTH and resized["y"] + resized["height"] <= HEIGHT

    # Delete removes the selected object; Ctrl+Z brings it back; Ctrl+Shift+Z removes it again.
    press(browser, Keys.DELETE)
    wait_rows(browser, 0)
    assert save(browser, sdk, task_id)["answer"]["tools"] == []
    ctrl(browser, "z")
    wait_rows(browser, 1)
    restored = only_object(save(browser, sdk, task_id), "bounding-box")
    assert restored["bounding-box"] == resized
    ctrl(browser, "z", shift=True)
    wait_rows(browser, 0)
    assert save(browser, sdk, task_id)["answer"]["tools"] == []


# ---------------------------------------------------------------- 3. re-class

RECLASS = schema_of([
    tool("bounding-box", "Car", "car", color="#e53935"),
    tool("bounding-box", "Truck", "truck", color="#1e88e5"),
    tool("polygon", "Road", "road", color="#43a047"),
])


def test_reclass_offers_only_classes_of_the_same_tool_type(signed_in, sdk):
    browser = signed_in
    _, task_id = start(browser, sdk, RECLASS, "reclass.png")
    pick_tool(browser, "car")
    drag_image(browser, (40, 40), (140, 100))
    wait_rows(browser, 1)
    car = only_object(save(browser, sdk, task_id), "bounding-box")
    assert car["schemaId"] == "car"

    control = Select(rows(browser)[0].find_element(By.CSS_SELECTOR, "select.reclass"))
    assert [o.text for o in control.options] == ["Car", "Truck"]
    assert [o.get_attribute("value") for o in control.options] == ["car", "truck"]
    control.select_by_visible_text("Truck")
    wait(browser).until(lambda b: Select(rows(b)[0].find_element(By.CSS_SELECTOR, "select.reclass")).first_selected_option.text == "Truck")
    truck = only_object(save(browser, sdk, task_id), "bounding-box")
    assert truck["schemaId"] == "truck"
    assert truck["objectId"] == car["objectId"] and truck["bounding-box"] == car["bounding-box"]
    # The stage draws it in its new class's color.
    shape = browser.find_element(By.CSS_SELECTOR, f"{CANVAS} g.objects [data-object-id='{car['objectId']}']")
    assert shape.get_attribute("stroke").lower() == "#1e88e5"


# ---------------------------------------------------------------- 4. shortcuts

SHORTCUTS = schema_of([
    tool("bounding-box", "Car", "car", color="#e53935", shortcutKey="1"),
    tool("polygon", "Road", "road", color="#43a047", shortcutKey="2"),
])


def pressed(browser, schema_id):
    return browser.find_element(By.CSS_SELECTOR, f"[data-testid=tool-{schema_id}]").get_attribute("aria-pressed") == "true"


def test_class_shortcuts_help_overlay_escape_and_hide(signed_in, sdk):
    browser = signed_in
    _, task_id = start(browser, sdk, SHORTCUTS, "shortcuts.png")
    canvas(browser).click()  # focus on the stage, nothing drawn (the select tool)
    press(browser, "1")
    wait(browser).until(lambda b: pressed(b, "car"))
    drag_image(browser, (40, 40), (140, 100))
    wait_rows(browser, 1)

    press(browser, "2")
    wait(browser).until(lambda b: pressed(b, "road") and not pressed(b, "car"))
    # Escape cancels an unfinished polygon: no object, and the next clicks start a new one.
    for x, y in [(180, 40), (280, 60), (250, 160)]:
        click_at(browser, x, y)
    assert browser.find_elements(By.CSS_SELECTOR, f"{CANVAS} g.overlay circle")  # the points being placed
    press(browser, Keys.ESCAPE)
    wait(browser).until(lambda b: not b.find_elements(By.CSS_SELECTOR, f"{CANVAS} g.overlay polyline"))
    assert len(rows(browser)) == 1
    click_at(browser, 200, 150)
    press(browser, Keys.ENTER)  # one point only: not a polygon, nothing added, nothing submitted
    assert len(rows(browser)) == 1
    press(browser, Keys.ESCAPE)

    task = save(browser, sdk, task_id)
    (car,) = task["answer"]["tools"]
    assert car["schemaId"] == "car" and "bounding-box" in car
    assert task["stage"] == "Label"

    # `?` lists the shortcuts, the class keys among them; Escape closes the list.
    press(browser, "?")
    overlay = visible(browser, "[data-testid=shortcuts]")
    listed = {row.find_elements(By.TAG_NAME, "td")[0].text.strip(): row.find_elements(By.TAG_NAME, "td")[1].text.strip()
              for row in overlay.find_elements(By.CSS_SELECTOR, "tr")}
    assert listed["1"] == "Tool: Car" and listed["2"] == "Tool: Road"
    for key in ("H", "Delete", "Ctrl+Z", "Ctrl+Shift+Z", "Escape", "Enter", "?"):
        assert key in listed, listed
    press(browser, Keys.ESCAPE)
    wait(browser).until(lambda b: not b.find_elements(By.CSS_SELECTOR, "[data-testid=shortcuts]"))

    # H hides the hovered object: it leaves the stage (the answer keeps it), H again shows it.
    object_id = car["objectId"]
    shape = f"{CANVAS} g.objects [data-object-id='{object_id}']"
    pick_tool(browser, "select")
    ActionChains(browser).move_to_element_with_offset(canvas(browser), *at(browser, 90, 70)).perform()
    press(browser, "h")
    wait(browser).until(lambda b: not b.find_elements(By.CSS_SELECTOR, shape))
    assert "is-hidden" in rows(browser)[0].get_attribute("class")
    assert len(save_unchanged(browser, sdk, task_id)["answer"]["tools"]) == 1
    press(browser, "h")
    wait(browser).until(lambda b: b.find_elements(By.CSS_SELECTOR, shape))


def save_unchanged(browser, sdk, task_id):
    """Save when nothing was edited (hiding is a view setting): waits for the toast instead."""
    browser.execute_script("window.glossEditor.editor.toast.textContent = ''")
    browser.find_element(By.CSS_SELECTOR, "[data-testid=save]").click()
    wait(browser).until(lambda b: b.find_element(By.CSS_SELECTOR, ".ed-toast").get_attribute("textContent").startswith("Saved"))
    return get_task(sdk, task_id)


# ---------------------------------------------------------------- 5. zoom

def viewport_transform(browser):
    text = browser.find_element(By.CSS_SELECTOR, f"{CANVAS} > g").get_attribute("transform")
    match = re.fullmatch(r"translate\((\S+) (\S+)\) scale\((\S+)\)", text)
    assert match, text
    return tuple(float(v) for v in match.groups())


def test_zoom_buttons_and_wheel_keep_image_pixel_coordinates(signed_in, sdk):
    browser = signed_in
    _, task_id = start(browser, sdk, BOXES, "zoom.png")
    fitted = viewport_transform(browser)
    browser.find_element(By.CSS_SELECTOR, ".stage button[aria-label='Zoom in']").click()
    zoomed = viewport_transform(browser)
    assert near(zoomed[2], fitted[2] * 1.25, 0.01), (fitted, zoomed)
    ActionChains(browser).scroll_from_origin(ScrollOrigin.from_element(canvas(browser)), 0, -200).perform()
    wait(browser).until(lambda b: viewport_transform(b)[2] > zoomed[2] * 1.1)
    wheeled = viewport_transform(browser)
    # Zoomed around the middle: the image's center stays in the middle of the stage.
    assert at(browser, WIDTH / 2, HEIGHT / 2) == pytest.approx((0, 0), abs=3)

    pick_tool(browser, "car")
    drag_image(browser, (140, 85), (185, 115))
    wait_rows(browser, 1)
    box = only_object(save(browser, sdk, task_id), "bounding-box")["bounding-box"]
    # Coordinates are image pixels, not screen pixels: the same numbers at any zoom.
    tolerance = 1.5
    assert near(box["x"], 140, tolerance) and near(box["y"], 85, tolerance), (wheeled, box)
    assert near(box["width"], 45, tolerance) and near(box["height"], 30, tolerance), (wheeled, box)

    # Zoom out below the fit and draw a box over the whole image: still inside its bounds.
    for _ in range(3):
        browser.find_element(By.CSS_SELECTOR, ".stage button[aria-label='Zoom out']").click()
    assert viewport_transform(browser)[2] < fitted[2]
    drag_image(browser, (10, 10), (300, 190))
    wait_rows(browser, 2)
    second = save(browser, sdk, task_id)["answer"]["tools"][1]["bounding-box"]
    assert near(second["x"], 10, 3) and near(second["y"], 10, 3), second
    assert near(second["width"], 290, 3) and near(second["height"], 180, 3), second
    assert second["x"] + second["width"] <= WIDTH and second["y"] + second["height"] <= HEIGHT


# ---------------------------------------------------------------- 6. conditional nested questions

CONDITIONAL = schema_of(classifications=[{
    "tool": "radio", "title": "Scene", "schemaId": "scene",
    "options": [{"value": "Urban", "schemaId": "urban"}, {"value": "Rural", "schemaId": "rural"}],
    "classifications": [{"tool": "radio", "title": "Density", "schemaId": "density", "parentOptionId": "urban",
                         "options": [{"value": "High", "schemaId": "high"}, {"value": "Low", "schemaId": "low"}],
                         "classifications": []}],
}])


def option(browser, schema_id, label):
    return browser.find_element(By.XPATH, f"//*[@data-testid='editor']//aside//*[@data-schema-id='{schema_id}']"
                                          f"//label[normalize-space()='{label}']")


def test_a_conditional_nested_question_shows_for_its_option_and_saves_nested(signed_in, sdk):
    browser = signed_in
    _, task_id = start(browser, sdk, CONDITIONAL, "conditional.png")
    visible(browser, "[data-schema-id=scene]")
    assert browser.find_elements(By.CSS_SELECTOR, "[data-schema-id=density]") == []
    option(browser, "scene", "Rural").click()
    wait(browser).until(lambda b: option(b, "scene", "Rural").find_element(By.TAG_NAME, "input").is_selected())
    assert browser.find_elements(By.CSS_SELECTOR, "[data-schema-id=density]") == []

    option(browser, "scene", "Urban").click()
    visible(browser, "[data-schema-id=scene] [data-schema-id=density]")
    option(browser, "density", "High").click()
    (scene,) = save(browser, sdk, task_id)["answer"]["classifications"]
    assert (scene["schemaId"], scene["answer"]) == ("scene", "Urban")
    assert [(c["schemaId"], c["answer"]) for c in scene["classifications"]] == [("density", "High")]

    # Back to Rural: the question is gone, and so is its answer from what is saved.
    option(browser, "scene", "Rural").click()
    wait(browser).until(lambda b: not b.find_elements(By.CSS_SELECTOR, "[data-schema-id=density]"))
    (scene,) = save(browser, sdk, task_id)["answer"]["classifications"]
    assert (scene["answer"], scene["classifications"]) == ("Rural", [])


# ---------------------------------------------------------------- 7. every classification type

def options(*values):
    return [{"value": v, "schemaId": v.lower()} for v in values]


ALL_TYPES = schema_of(classifications=[
    {"tool": "checkbox", "title": "Tags", "schemaId": "tags", "options": options("Blurry", "Dark", "Tilted"), "classifications": []},
    {"tool": "single-dropdown", "title": "Time", "schemaId": "time", "options": options("Day", "Night"), "classifications": []},
    {"tool": "multi-dropdown", "title": "Animals", "schemaId": "animals", "options": options("Cat", "Dog", "Bird"), "classifications": []},
    {"tool": "tree-dropdown", "title": "Place", "schemaId": "place", "classifications": [],
     "treeOptions": [{"title": "Outdoor", "key": "outdoor", "children": [{"title": "Park", "key": "park", "children": []},
                                                                         {"title": "Street", "key": "street", "children": []}]},
                     {"title": "Indoor", "key": "indoor", "children": [{"title": "Home", "key": "home", "children": []}]}],
     "options": [{"value": "Outdoor", "schemaId": "outdoor"}, {"value": "Outdoor / Park", "schemaId": "park"},
                 {"value": "Outdoor / Street", "schemaId": "street"}, {"value": "Indoor", "schemaId": "indoor"},
                 {"value": "Indoor / Home", "schemaId": "home"}]},
    {"tool": "text", "title": "Plate", "schemaId": "plate", "required": True, "regex": "[A-Z]{3}-[0-9]{3}", "classifications": []},
    {"tool": "rank", "title": "Priority", "schemaId": "priority", "options": options("Alpha", "Beta", "Gamma"), "classifications": []},
    {"tool": "boolean", "title": "Verified", "schemaId": "verified", "classifications": []},
])


def question(browser, schema_id):
    return browser.find_element(By.CSS_SELECTOR, f"[data-testid=editor] aside [data-schema-id={schema_id}]")


def test_every_classification_type_renders_and_saves(signed_in, sdk):
    browser = signed_in
    _, task_id = start(browser, sdk, ALL_TYPES, "questions.png")
    for c in ALL_TYPES["classifications"]:
        assert visible(browser, f"aside [data-schema-id={c['schemaId']}][data-tool={c['tool']}]")
    # Required questions are marked.
    assert question(browser, "plate").find_elements(By.CSS_SELECTOR, ".req")
    assert not question(browser, "tags").find_elements(By.CSS_SELECTOR, ".req")

    option(browser, "tags", "Tilted").click()
    option(browser, "tags", "Blurry").click()
    wait(browser).until(lambda b: option(b, "tags", "Blurry").find_element(By.TAG_NAME, "input").is_selected())

    Select(question(browser, "time").find_element(By.TAG_NAME, "select")).select_by_visible_text("Night")
    wait(browser).until(lambda b: Select(question(b, "time").find_element(By.TAG_NAME, "select")).first_selected_option.text == "Night")
    for animal in ("Cat", "Bird"):
        Select(question(browser, "animals").find_element(By.TAG_NAME, "select")).select_by_visible_text(animal)
        wait(browser).until(lambda b: animal in [o.text for o in Select(question(b, "animals").find_element(By.TAG_NAME, "select")).all_selected_options])

    option(browser, "place", "Street").click()
    wait(browser).until(lambda b: option(b, "place", "Street").find_element(By.TAG_NAME, "input").is_selected())

    # Rank: Gamma moved up one place.
    question(browser, "priority").find_element(By.CSS_SELECTOR, "button[aria-label='Move Gamma up']").click()
    wait(browser).until(lambda b: [li.find_element(By.TAG_NAME, "span").text for li in question(b, "priority").find_elements(By.CSS_SELECTOR, "li")]
                        == ["Alpha", "Gamma", "Beta"])

    option(browser, "verified", "No").click()
    wait(browser).until(lambda b: option(b, "verified", "No").find_element(By.TAG_NAME, "input").is_selected())

    # Text with a regex: a wrong answer is flagged and blocks Submit with the message.
    question(browser, "plate").find_element(By.TAG_NAME, "input").send_keys("abc-12")
    wait(browser).until(lambda b: "Must match [A-Z]{3}-[0-9]{3}" in question(b, "plate").text)
    browser.find_element(By.CSS_SELECTOR, "[data-testid=submit]").click()
    errors = visible(browser, "[data-testid=editor-error]")
    assert '"Plate" must match [A-Z]{3}-[0-9]{3}' in errors.text
    assert browser.find_elements(By.CSS_SELECTOR, "[data-testid=submit-anyway]") == []
    assert get_task(sdk, task_id)["stage"] == "Label"

    field = question(browser, "plate").find_element(By.TAG_NAME, "input")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("ABC-123")
    wait(browser).until(lambda b: "Must match" not in question(b, "plate").text)
    browser.find_element(By.CSS_SELECTOR, "[data-testid=editor-error] button.link").click()  # Dismiss

    answers = {c["schemaId"]: c for c in save(browser, sdk, task_id)["answer"]["classifications"]}
    assert answers["tags"]["answer"] == ["Blurry", "Tilted"]
    assert answers["time"]["answer"] == "Night"
    assert answers["animals"]["answer"] == ["Cat", "Bird"]
    assert answers["place"]["answer"] == ["Outdoor", "Outdoor / Street"]
    assert answers["plate"]["answer"] == "ABC-123"
    assert answers["priority"]["answer"] == ["Alpha", "Gamma", "Beta"]
    assert answers["verified"]["answer"] is False
    assert {c["schemaId"]: c["tool"] for c in answers.values()} == {c["schemaId"]: c["tool"] for c in ALL_TYPES["classifications"]}

    browser.find_element(By.CSS_SELECTOR, "[data-testid=submit]").click()
    visible(browser, "[data-testid=queue-empty]")
    assert get_task(sdk, task_id)["stage"] == "Complete"

-- The public portal's content (issue 7: policy and regulation look-up, the negative list of farmland uses,
-- compensation standards; editable by admins). Each article belongs to a region ('' = the whole platform, '6229' =
-- a prefecture …): everyone reads published articles; an admin writes only articles of a region he covers (the same
-- rule as patrol plans). Public documents, graded public except who edited them.
CREATE TABLE portal_article (
    id            bigserial PRIMARY KEY,
    kind          text      NOT NULL CHECK (kind IN ('policy', 'negative_list', 'compensation')),
    region_prefix text      NOT NULL DEFAULT '' CHECK (region_prefix ~ '^[0-9]*$'),
    title         text      NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    issuer        text      NOT NULL DEFAULT '' CHECK (length(issuer) <= 100),
    year          int       CHECK (year BETWEEN 1949 AND 2100),
    points        text[]    NOT NULL CHECK (cardinality(points) BETWEEN 1 AND 50),
    tags          text[]    NOT NULL DEFAULT '{}',
    sort_order    int       NOT NULL DEFAULT 0,
    published     boolean   NOT NULL DEFAULT true,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    updated_by    text      NOT NULL DEFAULT 'migration'
);
CREATE INDEX portal_article_kind ON portal_article (kind, sort_order, id);

ALTER TABLE portal_article ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON portal_article FOR SELECT TO gengbao_web USING (true);
CREATE POLICY write_own_region ON portal_article FOR INSERT TO gengbao_web WITH CHECK (gb_security.covers(region_prefix));
CREATE POLICY update_own_region ON portal_article FOR UPDATE TO gengbao_web
    USING (gb_security.covers(region_prefix)) WITH CHECK (gb_security.covers(region_prefix));
CREATE POLICY delete_own_region ON portal_article FOR DELETE TO gengbao_web USING (gb_security.covers(region_prefix));
CREATE POLICY read_published ON portal_article FOR SELECT TO gengbao_public USING (published);
GRANT SELECT, INSERT, UPDATE, DELETE ON portal_article TO gengbao_web;
GRANT USAGE ON SEQUENCE portal_article_id_seq TO gengbao_web;
GRANT SELECT (id, kind, region_prefix, title, issuer, year, points, tags, sort_order, published, updated_at) ON portal_article TO gengbao_public;

INSERT INTO data_grading (table_name, column_name, grade, note) VALUES
    ('portal_article', '*', 'public', 'published policy texts, negative lists and compensation standards'),
    ('portal_article', 'updated_by', 'internal', 'the admin who last edited the article');

-- First content: summaries of national documents (the title names the authoritative text); admins edit from here.
INSERT INTO portal_article (kind, title, issuer, year, points, tags, sort_order) VALUES
    ('policy', '中华人民共和国土地管理法', '全国人民代表大会常务委员会', 2019,
     ARRAY['第三十条：国家保护耕地，严格控制耕地转为非耕地，实行占用耕地补偿制度（占多少，垦多少）。', '第三十三条：国家实行永久基本农田保护制度。', '第三十五条：永久基本农田经依法划定后，任何单位和个人不得擅自占用或者改变其用途。', '第三十七条：禁止占用耕地建窑、建坟或者擅自在耕地上建房、挖砂、采石、采矿、取土等；禁止占用永久基本农田发展林果业和挖塘养鱼。', '第三十八条：禁止任何单位和个人闲置、荒芜耕地。']::text[],
     ARRAY['耕地', '永久基本农田', '占补平衡', '建房', '挖塘', '撂荒', '法律']::text[], 10),
    ('policy', '中华人民共和国土地管理法实施条例', '国务院', 2021,
     ARRAY['第十二条：严格控制耕地转为林地、草地、园地等其他农用地，确需转为其他农用地的，应当优先使用难以长期稳定利用的耕地。', '非农业建设占用耕地的，按照“占多少，垦多少”的原则补充数量和质量相当的耕地。']::text[],
     ARRAY['耕地', '进出平衡', '非粮化', '占补平衡', '法规']::text[], 20),
    ('policy', '基本农田保护条例', '国务院', 2011,
     ARRAY['禁止任何单位和个人在基本农田保护区内建窑、建房、建坟、挖砂、采石、采矿、取土、堆放固体废弃物或者进行其他破坏基本农田的活动。', '禁止任何单位和个人闲置、荒芜基本农田。']::text[],
     ARRAY['永久基本农田', '建房', '撂荒', '法规']::text[], 30),
    ('policy', '国务院办公厅关于坚决制止耕地“非农化”行为的通知（国办发明电〔2020〕24号）', '国务院办公厅', 2020,
     ARRAY['严禁违规占用耕地绿化造林；严禁超标准建设绿色通道；严禁违规占用耕地挖湖造景。', '严禁占用永久基本农田扩大自然保护地；严禁违规占用耕地从事非农建设；严禁违法违规批地用地。']::text[],
     ARRAY['非农化', '绿化造林', '挖湖造景', '非农建设']::text[], 40),
    ('policy', '国务院办公厅关于防止耕地“非粮化”稳定粮食生产的意见（国办发〔2020〕44号）', '国务院办公厅', 2020,
     ARRAY['永久基本农田重点用于发展粮食生产，特别是保障稻谷、小麦、玉米三大谷物的种植面积。', '严禁在永久基本农田上种植苗木、草皮等用于绿化装饰以及其他破坏耕作层的植物。']::text[],
     ARRAY['非粮化', '永久基本农田', '粮食生产', '种树']::text[], 50),
    ('policy', '农村乱占耕地建房“八不准”', '自然资源部、农业农村部', 2020,
     ARRAY['不准占用永久基本农田建房；不准强占多占耕地建房；不准买卖、流转耕地违法建房；不准在承包耕地上违法建房。', '不准巧立名目违法占用耕地建房；不准违反“一户一宅”规定占用耕地建房；不准非法出售占用耕地建的房屋；不准违法审批占用耕地建房。']::text[],
     ARRAY['建房', '农村', '宅基地', '一户一宅']::text[], 60),
    ('policy', '自然资源部 农业农村部 国家林业和草原局关于严格耕地用途管制有关问题的通知（自然资发〔2021〕166号）', '自然资源部等', 2021,
     ARRAY['耕地原则上只能转为耕地以外的其他农用地的，须落实“进出平衡”：年度内耕地转出的，应当通过其他农用地转入补足同等数量、质量的耕地。', '永久基本农田不得转为林地、草地、园地等其他农用地及农业设施建设用地。']::text[],
     ARRAY['进出平衡', '用途管制', '设施农业', '永久基本农田']::text[], 70),
    ('policy', '中共中央 国务院关于加强耕地保护和改进占补平衡的意见', '中共中央、国务院', 2017,
     ARRAY['坚守耕地红线，实行耕地数量、质量、生态“三位一体”保护。', '地方各级党委和政府对本行政区域内耕地保有量和永久基本农田保护面积负责，实行耕地保护责任目标考核。']::text[],
     ARRAY['耕地红线', '占补平衡', '考核', '田长制']::text[], 80),
    ('policy', '中华人民共和国刑法 第三百四十二条（非法占用农用地罪）', '全国人民代表大会', 2001,
     ARRAY['违反土地管理法规，非法占用耕地、林地等农用地，改变被占用土地用途，数量较大，造成耕地、林地等农用地大量毁坏的，处五年以下有期徒刑或者拘役，并处或者单处罚金。']::text[],
     ARRAY['刑事责任', '非法占用', '法律']::text[], 90),
    ('negative_list', '永久基本农田“负面清单”（禁止类用途）', '自然资源部、农业农村部', 2021,
     ARRAY['禁止占用永久基本农田建房、建窑、建坟，或者挖砂、采石、采矿、取土、堆放固体废弃物。', '禁止占用永久基本农田发展林果业、挖塘养鱼，禁止种植苗木、草皮等用于绿化装饰以及其他破坏耕作层的植物。', '禁止占用永久基本农田扩大自然保护地、绿化造林、挖湖造景。', '禁止以设施农业用地、农业结构调整等名义擅自改变永久基本农田用途。']::text[],
     ARRAY['负面清单', '永久基本农田', '建房', '挖塘', '种树']::text[], 10),
    ('negative_list', '一般耕地用途管制清单', '自然资源部、农业农村部、国家林业和草原局', 2021,
     ARRAY['一般耕地主要用于粮食和棉、油、糖、蔬菜等农产品及饲草饲料生产。', '一般耕地转为林地、草地、园地等其他农用地的，应当落实年度“进出平衡”，由县级人民政府统筹安排补足。', '严禁擅自将耕地转为建设用地；非农建设占用耕地的，应当落实“占一补一、占优补优、占水田补水田”。']::text[],
     ARRAY['负面清单', '一般耕地', '进出平衡', '非粮化']::text[], 20),
    ('compensation', '征收农用地区片综合地价（示例，以本省公布标准为准）', '省人民政府', 2023,
     ARRAY['区片综合地价包括土地补偿费和安置补助费，不含地上附着物和青苗补偿费、社会保障费用。', '具体标准按省人民政府公布的征地区片综合地价执行，每三年调整或者重新公布一次。']::text[],
     ARRAY['补偿标准', '征地', '区片综合地价']::text[], 10),
    ('compensation', '地上附着物和青苗补偿标准（示例）', '省人民政府', 2023,
     ARRAY['青苗补偿一般按一季作物产值计算；多年生作物按其种植年限和生长期确定。', '补偿费用应当足额支付给所有权人，并在征地公告中公布标准和数额，接受监督。']::text[],
     ARRAY['补偿标准', '青苗', '附着物']::text[], 20),
    ('compensation', '耕地地力保护补贴', '财政部、农业农村部', 2016,
     ARRAY['补贴对象原则上为拥有耕地承包权的种地农民，用于支持耕地地力保护。', '已作为畜牧养殖场使用的耕地、林地、成片粮田转为设施农业用地、非农业征（占）用耕地等已改变用途的耕地，以及长年抛荒地、占补平衡中“补”的面积和质量达不到耕种条件的耕地等不再给予补贴。']::text[],
     ARRAY['补偿标准', '补贴', '地力保护', '撂荒']::text[], 30);

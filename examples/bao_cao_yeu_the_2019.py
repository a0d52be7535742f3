"""Báo cáo: kết quả công tác hỗ trợ, giúp đỡ thanh thiếu niên yếu thế năm 2019
(Tỉnh đoàn Quảng Ninh), built with the Python API.

The same document as ``bao_cao_yeu_the_2019.yaml``, written with the English
field names. It is a model report built from the facts of a 2019 news item
(38 residential areas, Hướng dẫn 23-HD/TĐTN-ĐKTHTN of 24/10/2019, the 08/11/2019
conference with 200 trainees, 10 houses in Ba Chẽ, loans, the car-wash model in
Cẩm Sơn). The number, date, amount, targets, same-period figures and the
signer's name are illustrative. Run it from any directory; it writes
``bao-cao-yeu-the-2019.docx`` there:

    python3 bao_cao_yeu_the_2019.py
"""

from datetime import date

from vanban import (
    BaoCao,
    Bullet,
    Figure,
    Indicator,
    Issuer,
    Paragraph,
    Recipient,
    ResultsTable,
    Section,
    Signer,
    render,
)


def bullets(*texts: str) -> list[Bullet]:
    """One "- " item per text."""
    return [Bullet(text=text) for text in texts]


def build() -> BaoCao:
    """The report; achieved figures 38, 200 and 10 are those of the news item."""
    return BaoCao(
        issuer=Issuer(name=["BCH Đoàn tỉnh Quảng Ninh"], code="TĐTN"),
        drafting_unit="ĐKTHTN",
        number=245,  # illustrative
        place="Hạ Long",
        date=date(2019, 12, 16),  # illustrative
        title="Kết quả công tác hỗ trợ, giúp đỡ thanh thiếu niên yếu thế năm 2019",
        period="năm 2019",
        next_period="năm 2020",
        opening=[
            "Thực hiện Nghị quyết Đại hội Đoàn toàn quốc lần thứ XI, Nghị quyết Đại hội Đoàn "
            "toàn tỉnh Quảng Ninh lần thứ XI, nhiệm kỳ 2017 - 2022; Hướng dẫn số "
            "10-HD/TWĐTN-VP ngày 24/5/2018 của Ban Bí thư Trung ương Đoàn về việc hướng dẫn "
            "thực hiện và phân bổ chỉ tiêu trọng tâm công tác Đoàn và phong trào thanh thiếu "
            "nhi nhiệm kỳ 2017 - 2022; Hướng dẫn số 23-HD/TĐTN-ĐKTHTN ngày 24/10/2019 của Ban "
            "Thường vụ Tỉnh đoàn về việc Đoàn thanh niên tham gia hỗ trợ, giúp đỡ thanh thiếu "
            "niên yếu thế, giai đoạn 2019 - 2022, Ban Thường vụ Tỉnh đoàn báo cáo kết quả công "
            "tác hỗ trợ, giúp đỡ thanh thiếu niên yếu thế năm 2019 và phương hướng, nhiệm vụ "
            "năm 2020, cụ thể như sau:",
        ],
        situation=[
            Paragraph(
                text="Quảng Ninh là tỉnh có nhiều đồng bào dân tộc thiểu số sinh sống ở vùng "
                "sâu, vùng xa, biên giới, hải đảo. Số thanh thiếu niên thuộc các nhóm yếu thế "
                "như thanh thiếu niên dân tộc thiểu số ở địa bàn khó khăn, thanh niên sau cai "
                "nghiện, thanh niên hoàn lương, thanh niên thiếu việc làm còn nhiều; đời sống "
                "vật chất, tinh thần của một bộ phận thanh thiếu niên còn khó khăn."
            ),
            Paragraph(
                text="Năm 2019, Ban Thường vụ Tỉnh đoàn xác định công tác hỗ trợ, giúp đỡ thanh "
                "thiếu niên yếu thế là một trong những nội dung trọng tâm của công tác đoàn "
                "kết, tập hợp thanh niên, góp phần thực hiện chỉ tiêu trọng tâm công tác Đoàn "
                "và phong trào thanh thiếu nhi nhiệm kỳ 2017 - 2022."
            ),
        ],
        advantages=bullets(
            "Công tác hỗ trợ, giúp đỡ thanh thiếu niên yếu thế luôn nhận được sự quan tâm, chỉ "
            "đạo của Ban Bí thư Trung ương Đoàn, Thường trực Tỉnh ủy; sự phối hợp của các sở, "
            "ngành, đoàn thể, nhất là Sở Tư pháp, Ngân hàng Chính sách xã hội tỉnh.",
            "Chủ trương của tỉnh về bảo đảm an sinh xã hội, “không để ai bị bỏ lại phía sau” "
            "tạo điều kiện thuận lợi để các cấp bộ Đoàn triển khai các mô hình, giải pháp hỗ "
            "trợ thanh thiếu niên yếu thế.",
            "Đội ngũ cán bộ Đoàn các cấp nhiệt tình, trách nhiệm; đoàn viên, thanh niên tích "
            "cực tham gia các hoạt động tình nguyện vì cộng đồng.",
        ),
        difficulties=bullets(
            "Thanh thiếu niên yếu thế sinh sống phân tán, nhiều đối tượng ở vùng sâu, vùng xa, "
            "vùng đồng bào dân tộc thiểu số; một số thanh niên sau cai nghiện, sau khi ra tù "
            "còn mặc cảm, ngại tiếp xúc nên khó tiếp cận.",
            "Nguồn lực hỗ trợ chủ yếu từ vận động xã hội hóa, chưa ổn định; nguồn vốn vay ưu "
            "đãi còn hạn chế so với nhu cầu phát triển kinh tế của thanh niên.",
        ),
        results=[
            Section(
                title="Công tác chỉ đạo, hướng dẫn và tuyên truyền",
                children=bullets(
                    "Ban Thường vụ Tỉnh đoàn ban hành Hướng dẫn số 23-HD/TĐTN-ĐKTHTN ngày "
                    "24/10/2019 về việc Đoàn thanh niên tham gia hỗ trợ, giúp đỡ thanh thiếu "
                    "niên yếu thế, giai đoạn 2019 - 2022; chỉ đạo các huyện, thị, thành đoàn và "
                    "Đoàn trực thuộc khảo sát, nắm tình hình, lựa chọn mô hình, giải pháp phù "
                    "hợp với điều kiện của địa phương, đơn vị.",
                    "Thông qua các hoạt động của tổ chức Đoàn, các cấp bộ Đoàn đã tuyên truyền, "
                    "kêu gọi toàn xã hội quan tâm đến công tác hỗ trợ, giúp đỡ thanh thiếu niên "
                    "yếu thế tại 38 địa bàn dân cư; chủ động phối hợp với các đoàn thể chính trị "
                    "địa phương, cơ quan chức năng hỗ trợ một số mô hình của thanh niên yếu thế, "
                    "tạo điều kiện cho thanh niên phát triển kinh tế, chấp hành chủ trương, đường "
                    "lối của Đảng, chính sách, pháp luật của Nhà nước.",
                ),
            ),
            Section(
                title="Hỗ trợ, giúp đỡ thanh niên sau cai nghiện, thanh niên hoàn lương",
                children=bullets(
                    "Ngày 08/11/2019, Tỉnh đoàn phối hợp với Sở Tư pháp tổ chức Hội nghị tuyên "
                    "truyền, phổ biến, giáo dục pháp luật tại Cơ sở cai nghiện ma túy tỉnh Quảng "
                    "Ninh năm 2019, với sự tham gia của lãnh đạo Tỉnh đoàn, Sở Tư pháp và 200 "
                    "học viên, thanh niên là học viên Cơ sở cai nghiện ma túy tỉnh Quảng Ninh.",
                    "Các cơ sở Đoàn, Hội tổ chức nhiều hoạt động ý nghĩa như: thăm hỏi, động "
                    "viên, lắng nghe tâm tư, nguyện vọng của gia đình và thanh niên sau khi ra "
                    "tù; lồng ghép trong các buổi sinh hoạt Đoàn các hoạt động văn hóa văn nghệ, "
                    "thể dục thể thao, tình nguyện vì cuộc sống cộng đồng... Qua đó giúp thanh "
                    "niên cảm nhận được sự đồng cảm, chia sẻ của xã hội và trở thành những tuyên "
                    "truyền viên tích cực trong các hoạt động truyền thông phòng, chống tệ nạn "
                    "xã hội.",
                ),
            ),
            Section(
                title="Hỗ trợ nhà ở, chăm lo đời sống thanh niên dân tộc thiểu số",
                children=[
                    Bullet(
                        text="Ban Thường vụ Tỉnh đoàn, Hội Liên hiệp thanh niên Việt Nam tỉnh "
                        "Quảng Ninh phối hợp vận động nguồn lực hỗ trợ xây dựng 10 nhà nhân ái "
                        "cho gia đình thanh niên dân tộc thiểu số huyện Ba Chẽ, động viên, tạo "
                        "điều kiện ổn định đời sống sinh hoạt, vận động thanh niên phát triển "
                        "kinh tế."
                    ),
                    # Illustrative amount (55 million đồng a house): the news item gives none.
                    Figure(
                        label="Tổng giá trị hỗ trợ xây dựng 10 nhà nhân ái",
                        value=550_000_000,
                        unit="đồng",
                        in_words=True,
                    ),
                ],
            ),
            Section(
                title="Hỗ trợ vốn, phát triển kinh tế, tạo việc làm",
                children=bullets(
                    "Các cấp bộ Đoàn chung tay hỗ trợ mô hình kinh tế của thanh niên qua nguồn "
                    "vốn vay Ngân hàng Chính sách xã hội và nguồn vốn Quỹ quốc gia về việc làm "
                    "(nguồn vốn 120), giúp thanh niên có việc làm, vươn lên làm giàu chính đáng.",
                    "Hỗ trợ, duy trì mô hình rửa xe của thanh niên phường Cẩm Sơn, thành phố Cẩm "
                    "Phả, tạo việc làm, thu nhập ổn định cho thanh niên yếu thế tại địa phương.",
                ),
            ),
            Section(
                title="Kết quả thực hiện một số chỉ tiêu",
                children=[
                    Paragraph(
                        text="Kết quả thực hiện một số chỉ tiêu năm 2019 so với kế hoạch năm "
                        "2019 và cùng kỳ năm 2018 như sau:"
                    ),
                    # Achieved 38, 200 and 10 are from the news item; every other
                    # figure (targets, same period, models, loans) is illustrative.
                    ResultsTable(
                        caption="Kết quả thực hiện các chỉ tiêu hỗ trợ, giúp đỡ thanh thiếu "
                        "niên yếu thế năm 2019",
                        rows=[
                            Indicator(
                                name="Địa bàn dân cư được tuyên truyền, kêu gọi hỗ trợ thanh "
                                "thiếu niên yếu thế",
                                unit="địa bàn",
                                target=30,
                                achieved=38,
                                same_period=25,
                            ),
                            Indicator(
                                name="Học viên cơ sở cai nghiện được tuyên truyền, phổ biến, "
                                "giáo dục pháp luật",
                                unit="người",
                                target=200,
                                achieved=200,
                                same_period=150,
                            ),
                            Indicator(
                                name="Nhà nhân ái hỗ trợ gia đình thanh niên dân tộc thiểu số",
                                unit="nhà",
                                target=8,
                                achieved=10,
                                same_period=6,
                            ),
                            Indicator(
                                name="Mô hình kinh tế của thanh niên yếu thế được hỗ trợ",
                                unit="mô hình",
                                target=12,
                                achieved=15,
                                same_period=9,
                            ),
                            Indicator(
                                name="Dư nợ vốn vay hỗ trợ thanh niên yếu thế phát triển kinh tế",
                                unit="triệu đồng",
                                target=5000,
                                achieved=5850,
                                same_period=4200,
                            ),
                        ],
                    ),
                ],
            ),
        ],
        strengths=bullets(
            "Công tác hỗ trợ, giúp đỡ thanh thiếu niên yếu thế được các cấp bộ Đoàn quan tâm "
            "triển khai, bám sát Hướng dẫn số 23-HD/TĐTN-ĐKTHTN; các hoạt động có trọng tâm, "
            "hướng tới những nhóm khó khăn nhất như thanh niên dân tộc thiểu số, thanh niên sau "
            "cai nghiện, thanh niên hoàn lương.",
            "Các chỉ tiêu chủ yếu đều đạt và vượt kế hoạch; một số mô hình hỗ trợ sinh kế như "
            "mô hình rửa xe của thanh niên phường Cẩm Sơn bước đầu phát huy hiệu quả, tạo việc "
            "làm, thu nhập ổn định cho thanh niên.",
            "Công tác phối hợp với Sở Tư pháp, Ngân hàng Chính sách xã hội, Hội Liên hiệp thanh "
            "niên Việt Nam tỉnh được tăng cường, huy động được nguồn lực xã hội hóa cho các "
            "hoạt động.",
        ),
        limitations=bullets(
            "Một số cơ sở Đoàn chưa chủ động khảo sát, nắm bắt nhu cầu của thanh thiếu niên "
            "yếu thế; việc xây dựng mô hình còn lúng túng, chưa bền vững.",
            "Hoạt động hỗ trợ thanh niên sau cai nghiện, thanh niên hoàn lương chủ yếu dừng ở "
            "thăm hỏi, tuyên truyền; việc hỗ trợ học nghề, giới thiệu việc làm cho các đối "
            "tượng này còn ít.",
            "Công tác thông tin, báo cáo của một số đơn vị chưa kịp thời, số liệu chưa đầy đủ.",
        ),
        objective_causes=bullets(
            "Thanh thiếu niên yếu thế sinh sống phân tán, nhiều đối tượng ở vùng sâu, vùng xa; "
            "một số thanh niên còn mặc cảm, chưa chủ động tham gia các hoạt động.",
            "Nguồn lực hỗ trợ phụ thuộc nhiều vào vận động xã hội hóa; nguồn vốn vay ưu đãi "
            "chưa đáp ứng nhu cầu.",
        ),
        subjective_causes=bullets(
            "Một số cán bộ Đoàn cơ sở chưa nhận thức đầy đủ vai trò của tổ chức Đoàn trong hỗ "
            "trợ, giúp đỡ thanh thiếu niên yếu thế; kỹ năng tiếp cận, tư vấn, hỗ trợ các đối "
            "tượng yếu thế còn hạn chế.",
            "Hướng dẫn số 23-HD/TĐTN-ĐKTHTN ban hành vào cuối năm nên thời gian triển khai tại "
            "cơ sở còn ngắn.",
        ),
        lessons=bullets(
            "Bám sát nhu cầu thực tế của từng nhóm thanh thiếu niên yếu thế để lựa chọn mô "
            "hình, giải pháp phù hợp, thiết thực.",
            "Chủ động tham mưu cấp ủy, phối hợp chặt chẽ với các sở, ngành, đoàn thể và huy "
            "động nguồn lực xã hội hóa.",
            "Gắn hỗ trợ vật chất với động viên tinh thần, tạo điều kiện để thanh niên yếu thế "
            "tự vươn lên và tham gia các hoạt động của tổ chức Đoàn, Hội.",
        ),
        directions=[
            Paragraph(
                text="Thời gian tới, Ban Thường vụ Tỉnh đoàn tiếp tục duy trì tốt hoạt động các "
                "mô hình, câu lạc bộ hỗ trợ thanh thiếu niên yếu thế có hiệu quả; đồng thời đưa "
                "ra nhiều giải pháp mới, quan tâm, chăm lo, bảo vệ quyền con người, đảm bảo sự "
                "bình đẳng dành cho tất cả các nhóm đối tượng yếu thế trong xã hội. Trọng tâm "
                "năm 2020:"
            ),
            *bullets(
                "Tiếp tục triển khai Hướng dẫn số 23-HD/TĐTN-ĐKTHTN; phấn đấu 100% Đoàn xã, "
                "phường, thị trấn xây dựng được ít nhất 01 mô hình, giải pháp hỗ trợ, giúp đỡ "
                "thanh thiếu niên yếu thế.",
                "Phối hợp với Sở Tư pháp, Cơ sở cai nghiện ma túy tỉnh duy trì tuyên truyền, phổ "
                "biến, giáo dục pháp luật cho học viên; hỗ trợ học nghề, giới thiệu việc làm cho "
                "thanh niên sau cai nghiện, thanh niên hoàn lương.",
                "Tiếp tục vận động nguồn lực hỗ trợ xây dựng nhà nhân ái cho gia đình thanh niên "
                "dân tộc thiểu số có hoàn cảnh khó khăn; phối hợp với Ngân hàng Chính sách xã "
                "hội tạo điều kiện cho thanh niên yếu thế tiếp cận nguồn vốn vay ưu đãi.",
                "Nhân rộng các mô hình hỗ trợ sinh kế có hiệu quả như mô hình rửa xe của thanh "
                "niên phường Cẩm Sơn, thành phố Cẩm Phả; kịp thời biểu dương, khen thưởng các "
                "tập thể, cá nhân có cách làm hay.",
            ),
        ],
        proposals=bullets(
            "Đề nghị Ban Bí thư Trung ương Đoàn tổ chức tập huấn kỹ năng tiếp cận, tư vấn, hỗ "
            "trợ thanh thiếu niên yếu thế cho cán bộ Đoàn các cấp; giới thiệu các mô hình hiệu "
            "quả để các địa phương học tập, nhân rộng.",
            "Đề nghị Thường trực Tỉnh ủy quan tâm chỉ đạo các cấp ủy, chính quyền, các sở, ngành "
            "phối hợp, tạo điều kiện để tổ chức Đoàn tham gia hỗ trợ thanh niên yếu thế học "
            "nghề, tìm việc làm và tiếp cận nguồn vốn vay ưu đãi.",
        ),
        closing="Trên đây là báo cáo kết quả công tác hỗ trợ, giúp đỡ thanh thiếu niên yếu thế "
        "năm 2019 và phương hướng, nhiệm vụ năm 2020 của Ban Thường vụ Tỉnh đoàn Quảng Ninh",
        recipients=[
            Recipient(name="Ban Bí thư Trung ương Đoàn", purpose="để b/c"),
            Recipient(name="Thường trực Tỉnh ủy", purpose="để b/c"),
            Recipient(name="Ban Dân vận Tỉnh ủy", purpose="để b/c"),
            Recipient(name="Các huyện, thị, thành đoàn và Đoàn trực thuộc", purpose="để biết"),
        ],
        archive="VP, ĐKTHTN",
        signer=Signer(
            authority="TM.",
            on_behalf_of="Ban Thường vụ Tỉnh đoàn",
            position="Phó Bí thư",
            name="Nguyễn Thị Minh Hạnh",  # illustrative
        ),
    )


if __name__ == "__main__":
    path = render(build(), "bao-cao-yeu-the-2019.docx", overwrite=True)
    print(f"Đã tạo {path}")
